namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>
/// The algorithm's part of a <see cref="JobCheckpoint"/>: one subtype per algorithm, tagged with the algorithm it resumes
/// (a checkpoint of one algorithm is never resumed as another: <see cref="SecureClustering.Run"/> refuses it).
/// </summary>
public abstract record AlgorithmState
{
    public abstract Algorithm Algorithm { get; }
}
