namespace PrivClust.Core.Clustering;

/// <summary>Progress of a running job: only public facts (iteration, the revealed converged bit, traffic).</summary>
public sealed record JobProgress(string Stage, int Iteration, bool Converged, long Rounds, long BytesSent, TimeSpan Elapsed);
