namespace PrivClust.Net.Party;

/// <summary>
/// What a job yields to this party: the public centroids (original units), its own rows' labels, the
/// iteration count and converged flag, and the extras the reveal policy named.
/// </summary>
public sealed record EngineResult(
    IReadOnlyList<double[]> Centroids,
    IReadOnlyList<int> Labels,
    int Iterations,
    bool Converged,
    IReadOnlyList<double>? IterationMs = null,
    IReadOnlyList<long>? Sizes = null,
    double? Inertia = null);
