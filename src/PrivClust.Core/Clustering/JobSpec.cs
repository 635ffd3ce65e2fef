namespace PrivClust.Core.Clustering;

/// <summary>
/// The public parameters of one clustering job (DESIGN §7): both parties run with the same spec; it travels
/// in the job proposal and is checked against each party's policy. Nothing in it is private.
/// </summary>
public sealed record JobSpec
{
    public Algorithm Algorithm { get; init; } = Algorithm.KMeans;
    public Partition Partition { get; init; } = Partition.Horizontal;

    /// <summary>The columns clustered, in order (for vertical partitioning: a's columns then b's).</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>The id column joining rows (vertical partitioning only).</summary>
    public string? IdColumn { get; init; }

    public int K { get; init; } = 5;

    /// <summary>Elbow: the smallest k tried (the largest is <see cref="K"/>).</summary>
    public int KMin { get; init; } = 1;
    public InitMethod Init { get; init; } = InitMethod.Farthest;

    /// <summary>Initial centroids for <see cref="InitMethod.Given"/> (k rows, original units) — public.</summary>
    public IReadOnlyList<double[]>? InitialCentroids { get; init; }

    public int NInit { get; init; } = 1;
    public double Bandwidth { get; init; } = 0;

    /// <summary>Number of dust seeds drawn by joint coin flip (mean-shift).</summary>
    public int Dust { get; init; } = 0;

    /// <summary>Given seeds (mean-shift, original units) — public.</summary>
    public IReadOnlyList<double[]>? Seeds { get; init; }

    public int MaxIter { get; init; } = 300;
    public Scaling Scale { get; init; } = Scaling.None;
    public int FractionalBits { get; init; } = Arithmetic.FixedPoint.DefaultFractionalBits;

    /// <summary>
    /// A public bound B on every clustered value after scaling (|v| ≤ B), or 0 for none; <see cref="Scaling.MinMax"/>
    /// implies B = 1. Each party checks its own rows against it; with it mean-shift's window tests run on the bits the
    /// bound leaves (<see cref="Protocols.NarrowComparison"/>) instead of the whole ring.
    /// </summary>
    public double ValueBound { get; init; } = 0;

    /// <summary>
    /// Seed of the public coin flips (first centroid, random rows, dust seeds, k-means++ draws). 0: the coins come
    /// from the session's common seed (a fresh joint coin flip); otherwise from this public seed, reproducibly.
    /// </summary>
    public ulong Seed { get; init; } = 0;

    /// <summary>Extra outputs the parties agree to reveal (DESIGN §1: sizes, inertia).</summary>
    public RevealPolicy Reveal { get; init; } = RevealPolicy.None;
}
