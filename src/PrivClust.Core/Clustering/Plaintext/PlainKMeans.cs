namespace PrivClust.Core.Clustering.Plaintext;

/// <summary>
/// Plaintext Lloyd k-means: the reference twin of the secure k-means, semantically equal to
/// scikit-learn's <c>KMeans(init=C, n_init=1, algorithm="lloyd", tol=0)</c> as long as no cluster
/// becomes empty.
/// </summary>
/// <remarks>
/// <para>Data layout: every matrix is a flat row-major <see cref="double"/> span; the data is
/// n × d (row i at <c>[i*d .. i*d+d)</c>), centroids are k × d. All values must be finite.</para>
/// <para>One iteration = one assignment step (each row to its nearest centroid by
/// <c>‖c‖² − 2·x·c</c>, ties → smallest centroid index, like numpy's argmin and scikit-learn) followed,
/// when some label changed, by one update step (each centroid = mean of its rows; a centroid with no
/// rows keeps its previous value). The run stops after the first assignment step that changes no label
/// (that step counts: this is scikit-learn's <c>n_iter_</c>, "strict convergence") or after
/// <c>maxIterations</c> steps; in the latter case the labels are recomputed once more against the final
/// centroids (not counted), as scikit-learn does, so labels always match the returned centroids.</para>
/// <para>Deliberate difference: scikit-learn relocates an empty cluster to a far-away point; the twin
/// (like the secure protocol) keeps its previous centroid. With tol = 0 scikit-learn also stops when
/// the centroids did not move at all although labels changed, which needs exactly tied points and is
/// not replicated.</para>
/// </remarks>
public static class PlainKMeans
{
    /// <summary>scikit-learn's default <c>max_iter</c>.</summary>
    public const int DefaultMaxIterations = 300;

    /// <summary>Runs Lloyd iterations from the given initial centroids (init <c>given</c>).</summary>
    /// <param name="data">n × d data, row-major.</param>
    /// <param name="n">Number of rows (≥ 1).</param>
    /// <param name="d">Number of columns (≥ 1).</param>
    /// <param name="initialCentroids">k × d initial centroids, row-major (see <see cref="PlainKMeansInit"/>).</param>
    /// <param name="k">Number of centroids (≥ 1).</param>
    /// <param name="maxIterations">Maximum number of assignment steps (≥ 1).</param>
    public static KMeansResult Fit(
        ReadOnlySpan<double> data, int n, int d, ReadOnlySpan<double> initialCentroids, int k,
        int maxIterations = DefaultMaxIterations)
    {
        RowMajor.CheckMatrix(data, n, d, nameof(data));
        RowMajor.CheckMatrix(initialCentroids, k, d, nameof(initialCentroids));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);

        double[] centroids = initialCentroids.ToArray();
        var labels = new int[n];
        Array.Fill(labels, -1);
        var norms = new double[k];
        var counts = new int[k];
        var sums = new double[k * d];

        int iterations = 0;
        bool converged = false;
        while (iterations < maxIterations)
        {
            iterations++;
            if (!Assign(data, n, d, centroids, k, norms, labels))
            {
                converged = true;
                break;
            }
            UpdateCentroids(data, n, d, labels, centroids, k, sums, counts);
        }
        if (!converged)
        {
            Assign(data, n, d, centroids, k, norms, labels);
        }
        return Summarise(data, n, d, centroids, k, labels, iterations, converged);
    }

    /// <summary>
    /// scikit-learn's <c>n_init</c>: runs <see cref="Fit"/> from every initial-centroid set and keeps
    /// the run with the lowest inertia. A later run replaces the best only when its inertia is strictly
    /// lower and its clustering differs (up to a renaming of labels), as in scikit-learn.
    /// </summary>
    /// <param name="data">n × d data, row-major.</param>
    /// <param name="n">Number of rows.</param>
    /// <param name="d">Number of columns.</param>
    /// <param name="k">Number of centroids.</param>
    /// <param name="initialCentroidSets">One k × d row-major array per run (at least one).</param>
    /// <param name="maxIterations">Maximum number of assignment steps per run.</param>
    public static KMeansResult FitBest(
        ReadOnlySpan<double> data, int n, int d, int k, IEnumerable<double[]> initialCentroidSets,
        int maxIterations = DefaultMaxIterations)
    {
        ArgumentNullException.ThrowIfNull(initialCentroidSets);
        KMeansResult? best = null;
        foreach (double[] init in initialCentroidSets)
        {
            KMeansResult run = Fit(data, n, d, init, k, maxIterations);
            if (best is null || (run.Inertia < best.Inertia && !SameClustering(run.Labels, best.Labels, k)))
            {
                best = run;
            }
        }
        return best ?? throw new ArgumentException("At least one set of initial centroids is needed.", nameof(initialCentroidSets));
    }

    /// <summary>Σ over rows of the squared distance from row i to centroid labels[i].</summary>
    public static double Inertia(ReadOnlySpan<double> data, int n, int d, ReadOnlySpan<double> centroids, ReadOnlySpan<int> labels)
    {
        double inertia = 0;
        for (int i = 0; i < n; i++)
        {
            inertia += RowMajor.SquaredDistance(RowMajor.Row(data, i, d), RowMajor.Row(centroids, labels[i], d));
        }
        return inertia;
    }

    /// <summary>Assignment step; returns whether any label changed.</summary>
    private static bool Assign(
        ReadOnlySpan<double> data, int n, int d, ReadOnlySpan<double> centroids, int k, Span<double> norms, Span<int> labels)
    {
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<double> centroid = RowMajor.Row(centroids, c, d);
            norms[c] = Dot(centroid, centroid);
        }
        bool changed = false;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> x = RowMajor.Row(data, i, d);
            int best = 0;
            double bestScore = norms[0] - 2.0 * Dot(x, RowMajor.Row(centroids, 0, d));
            for (int c = 1; c < k; c++)
            {
                double score = norms[c] - 2.0 * Dot(x, RowMajor.Row(centroids, c, d));
                if (score < bestScore)
                {
                    best = c;
                    bestScore = score;
                }
            }
            if (labels[i] != best)
            {
                labels[i] = best;
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>Update step: centroid = mean of its rows; an empty cluster keeps its centroid.</summary>
    private static void UpdateCentroids(
        ReadOnlySpan<double> data, int n, int d, ReadOnlySpan<int> labels, Span<double> centroids, int k,
        Span<double> sums, Span<int> counts)
    {
        sums.Clear();
        counts.Clear();
        for (int i = 0; i < n; i++)
        {
            int c = labels[i];
            counts[c]++;
            Span<double> sum = sums.Slice(c * d, d);
            ReadOnlySpan<double> x = RowMajor.Row(data, i, d);
            for (int j = 0; j < d; j++)
            {
                sum[j] += x[j];
            }
        }
        for (int c = 0; c < k; c++)
        {
            if (counts[c] == 0)
            {
                continue;
            }
            for (int j = 0; j < d; j++)
            {
                centroids[c * d + j] = sums[c * d + j] / counts[c];
            }
        }
    }

    private static KMeansResult Summarise(
        ReadOnlySpan<double> data, int n, int d, double[] centroids, int k, int[] labels, int iterations, bool converged)
    {
        var sizes = new int[k];
        foreach (int label in labels)
        {
            sizes[label]++;
        }
        double inertia = Inertia(data, n, d, centroids, labels);
        return new KMeansResult(centroids, k, d, labels, iterations, converged, inertia, sizes);
    }

    /// <summary>Whether two labelings are equal up to a one-to-one renaming of labels.</summary>
    private static bool SameClustering(int[] a, int[] b, int k)
    {
        var map = new int[k];
        Array.Fill(map, -1);
        for (int i = 0; i < a.Length; i++)
        {
            if (map[a[i]] == -1)
            {
                map[a[i]] = b[i];
            }
            else if (map[a[i]] != b[i])
            {
                return false;
            }
        }
        return true;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int j = 0; j < a.Length; j++)
        {
            s += a[j] * b[j];
        }
        return s;
    }
}
