namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>
/// One party's view of the job's shared data X (rows×columns): its share of X, its share of the job-long mask U, the
/// opened E = X − U, the mask's id, and its shares of the squared row norms once computed (null before).
/// </summary>
public sealed record SharedDataState(int MaskId, int Rows, int Columns, ulong[] Share, ulong[] MaskShare, ulong[] Opened, ulong[]? SquaredNorms);
