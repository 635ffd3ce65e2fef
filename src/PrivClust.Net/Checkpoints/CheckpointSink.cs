using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Net.Dealer;

namespace PrivClust.Net.Checkpoints;

/// <summary>
/// A running job's checkpoints at this party: party b first has the dealer mark its correction stream (and waits for
/// the acknowledgement), then the checkpoint is written atomically, so the dealer can always serve a resume from it.
/// </summary>
public sealed class CheckpointSink(CheckpointFolder folder, byte[] fingerprint, byte[] commonSeed, DealerCorrectionFeed? feed) : ICheckpointSink
{
    public void Save(JobCheckpoint checkpoint)
    {
        ulong position = feed?.Mark() ?? 0;
        folder.Save(new HostCheckpoint(checkpoint, commonSeed, position), fingerprint);
    }
}
