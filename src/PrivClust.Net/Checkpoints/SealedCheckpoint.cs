using PrivClust.Core.Clustering.Checkpoints;

namespace PrivClust.Net.Checkpoints;

/// <summary>
/// A checkpoint file's content, encoded at its boundary, and the shared data (which never changes during a job) for
/// <c>data.bin</c> if it is not written yet.
/// </summary>
public sealed record SealedCheckpoint(long Number, SharedDataState Data, byte[] Fingerprint, byte[] Content);
