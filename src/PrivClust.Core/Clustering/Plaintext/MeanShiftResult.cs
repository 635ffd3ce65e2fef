namespace PrivClust.Core.Clustering.Plaintext;

/// <summary>The outcome of a mean-shift run (see <see cref="PlainMeanShift"/>).</summary>
/// <param name="Centroids">Kept centres, row-major (count × d), in scikit-learn's order (window size descending).</param>
/// <param name="ClusterCount">Number of kept centres.</param>
/// <param name="Dimensions">Number of columns d.</param>
/// <param name="Labels">For each data row, the index of its nearest kept centre (ties → smallest index).</param>
/// <param name="Iterations">Maximum of the seeds' iteration counts (scikit-learn's <c>n_iter_</c>).</param>
/// <param name="Converged">True when every seed that was not dropped stopped by the shift rule rather than by max-iter.</param>
/// <param name="Seeds">Every seed's climb, in seed order (including dropped seeds).</param>
public sealed record MeanShiftResult(
    double[] Centroids,
    int ClusterCount,
    int Dimensions,
    int[] Labels,
    int Iterations,
    bool Converged,
    IReadOnlyList<MeanShiftSeedResult> Seeds);
