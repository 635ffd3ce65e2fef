namespace PrivClust.Core.Clustering.Plaintext;

/// <summary>The outcome of one k-means run (see <see cref="PlainKMeans"/>).</summary>
/// <param name="Centroids">Final centroids, row-major k × d (centroid j at <c>[j*d .. j*d+d)</c>), in init order.</param>
/// <param name="K">Number of centroids.</param>
/// <param name="Dimensions">Number of columns d.</param>
/// <param name="Labels">For each data row, the index of its nearest final centroid (ties → smallest index).</param>
/// <param name="Iterations">
/// Number of assignment steps performed, counting the final one that found no change
/// (scikit-learn's <c>n_iter_</c>); equals the max-iter when not converged.
/// </param>
/// <param name="Converged">True when an assignment step changed no label before the max-iter was reached.</param>
/// <param name="Inertia">Σ over rows of the squared distance to the assigned final centroid.</param>
/// <param name="ClusterSizes">Number of rows per label (length k; may contain zeros).</param>
public sealed record KMeansResult(
    double[] Centroids,
    int K,
    int Dimensions,
    int[] Labels,
    int Iterations,
    bool Converged,
    double Inertia,
    int[] ClusterSizes);
