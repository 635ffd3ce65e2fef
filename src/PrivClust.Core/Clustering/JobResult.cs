namespace PrivClust.Core.Clustering;

/// <summary>
/// What a job reveals to one party (DESIGN §1, §7): the centroids (original units), this party's own labels,
/// the iteration count and the converged bit of each iteration; sizes, inertia and elbow losses only when the
/// job's reveal policy or the algorithm names them. Plus the party's own traffic metrics.
/// </summary>
public sealed record JobResult
{
    public required Algorithm Algorithm { get; init; }
    public required Partition Partition { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required int K { get; init; }
    public required int Iterations { get; init; }
    public required bool Converged { get; init; }
    public required double[][] Centroids { get; init; }

    /// <summary>Labels of this party's rows in its file order (vertical: of all rows, in this party's file order).</summary>
    public required int[] OwnLabels { get; init; }

    /// <summary>The converged bit revealed after each iteration.</summary>
    public required IReadOnlyList<bool> ConvergedBits { get; init; }

    public long[]? Sizes { get; init; }
    public double? Inertia { get; init; }

    /// <summary>Elbow: the k-means loss for each k, and the knee.</summary>
    public IReadOnlyList<(int K, double Loss)>? ElbowLosses { get; init; }
    public int? Knee { get; init; }

    /// <summary>Per-column statistics revealed by scaling (mean/std or min/max), when scaling was used.</summary>
    public IReadOnlyList<(double Offset, double Scale)>? ScalingStatistics { get; init; }

    public long Rounds { get; init; }
    public long BytesSent { get; init; }
    public long BytesReceived { get; init; }
    public long DealerBytes { get; init; }
    public double WallMilliseconds { get; init; }
    public IReadOnlyList<double> IterationMilliseconds { get; init; } = [];
}
