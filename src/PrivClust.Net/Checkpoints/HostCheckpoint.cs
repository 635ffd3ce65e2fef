using PrivClust.Core.Clustering.Checkpoints;

namespace PrivClust.Net.Checkpoints;

/// <summary>
/// What a party daemon writes at a Lloyd iteration boundary: the engine's <see cref="JobCheckpoint"/>, the session's common
/// seed (the peer link's, so a resumed session makes the same input shares and coins) and, for party b, the position of
/// its dealer correction stream right after the checkpoint mark the dealer acknowledged (0 for party a).
/// </summary>
public sealed record HostCheckpoint(JobCheckpoint Engine, byte[] CommonSeed, ulong FeedPosition);
