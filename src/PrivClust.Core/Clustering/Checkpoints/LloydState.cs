namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>
/// One party's Lloyd loop at an iteration boundary: the iterations done, its shares of the centroids, its binary shares
/// of the last one-hot (packed; null before the first iteration), its share of the converged bit not yet opened (it
/// rides in the next iteration's first round; null after the first iteration), and the public converged bits and
/// iteration times so far. When the job folds its centroids' B2A into the next distances round (<see cref="LloydCentroids"/>),
/// <see cref="CentroidBorrows"/> holds the binary shares of their pending borrows (then <see cref="Centroids"/> is their base)
/// and <see cref="PendingConverged"/> is an XOR-share.
/// </summary>
public sealed record LloydState(int Iteration, ulong[] Centroids, ulong[]? PreviousBits, ulong[]? PendingConverged,
    bool[] ConvergedBits, double[] IterationMilliseconds, ulong[]? CentroidBorrows = null);
