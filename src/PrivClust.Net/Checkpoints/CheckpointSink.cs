using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Net.Dealer;

namespace PrivClust.Net.Checkpoints;

/// <summary>
/// A running job's checkpoints at this party. Party a writes each at its boundary. Party b has the dealer mark its
/// correction stream first and must not write a checkpoint whose mark the dealer has not acknowledged; so as not to wait a
/// dealer round trip at every boundary, it sends the mark without waiting, keeps the checkpoint (encoded) in memory, and
/// writes it at the next boundary after the acknowledgement, which by then has normally arrived long ago (taken on the way
/// by the correction reads). Its latest checkpoint on disk therefore trails by one boundary (docs/security.md: why
/// resuming stays safe).
/// </summary>
public sealed class CheckpointSink(CheckpointFolder folder, byte[] fingerprint, byte[] commonSeed, DealerCorrectionFeed? feed) : ICheckpointSink
{
    private SealedCheckpoint? _unacknowledged;

    public void Save(JobCheckpoint checkpoint)
    {
        if (feed is null)
        {
            folder.Save(new HostCheckpoint(checkpoint, commonSeed, 0), fingerprint);
            return;
        }
        if (_unacknowledged is not null)
        {
            feed.AwaitMark();
            folder.Write(_unacknowledged);
        }
        ulong position = feed.SendMark();
        _unacknowledged = CheckpointFolder.Seal(new HostCheckpoint(checkpoint, commonSeed, position), fingerprint);
    }
}
