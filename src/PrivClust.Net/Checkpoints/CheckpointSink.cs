using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Net.Dealer;

namespace PrivClust.Net.Checkpoints;

/// <summary>
/// A running job's checkpoints at this party. Party a writes each at its boundary. Party b has the dealer mark its
/// correction stream at the boundary and must not write a checkpoint whose mark the dealer has not acknowledged; so as
/// not to wait a dealer round trip at every boundary, it does not wait for the acknowledgement, keeps the checkpoint
/// (encoded) in memory, and writes it at the next boundary after the acknowledgement, which by then has normally arrived
/// long ago (taken on the way by the correction reads). Its latest checkpoint on disk therefore trails by one boundary
/// (docs/security.md: why resuming stays safe). The mark is usually sent ahead, when the next iteration is announced
/// before the boundary (<see cref="DealerCorrectionFeed.PrefetchAfterBoundary"/>); the sink turns that on for its feed.
/// </summary>
public sealed class CheckpointSink : ICheckpointSink
{
    private readonly CheckpointFolder _folder;
    private readonly byte[] _fingerprint, _commonSeed;
    private readonly DealerCorrectionFeed? _feed;
    private (SealedCheckpoint Checkpoint, ulong Position)? _unacknowledged;

    public CheckpointSink(CheckpointFolder folder, byte[] fingerprint, byte[] commonSeed, DealerCorrectionFeed? feed)
    {
        (_folder, _fingerprint, _commonSeed, _feed) = (folder, fingerprint, commonSeed, feed);
        if (feed is not null)
        {
            feed.MarksBoundaries = true;
        }
    }

    public void Save(JobCheckpoint checkpoint)
    {
        if (_feed is null)
        {
            _folder.Save(new HostCheckpoint(checkpoint, _commonSeed, 0), _fingerprint);
            return;
        }
        if (_unacknowledged is { } kept)
        {
            _feed.AwaitMark(kept.Position);
            _folder.Write(kept.Checkpoint);
        }
        ulong position = _feed.SendMark();
        _unacknowledged = (CheckpointFolder.Seal(new HostCheckpoint(checkpoint, _commonSeed, position), _fingerprint), position);
    }
}
