namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>A k-means job at a Lloyd boundary: the restart it is in, the restarts finished before it, and the Lloyd loop's state.</summary>
public sealed record KMeansState(int Restart, IReadOnlyList<LloydOutcome> FinishedRestarts, LloydState Lloyd) : AlgorithmState
{
    public override Algorithm Algorithm => Algorithm.KMeans;
}
