namespace PrivClust.Core.Clustering.Plaintext;

/// <summary>
/// Initial centroids for <see cref="PlainKMeans"/>: <c>farthest</c>, <c>kmeans++</c> and <c>random</c>
/// (init <c>given</c> is simply the caller's k × d array). Every method returns a new row-major
/// k × d array whose rows are copies of data rows, in the order they were chosen.
/// </summary>
/// <remarks>
/// Randomness is always supplied by the caller (in the secure protocol it comes from joint coin
/// flips), so every method here is deterministic given its inputs.
/// </remarks>
public static class PlainKMeansInit
{
    /// <summary>
    /// Farthest-point init (the k-means seed's improved init): the first centroid is row
    /// <paramref name="firstRow"/>; each next centroid is the row with the largest squared distance
    /// (exact Σ(x−c)²) to its nearest already chosen centroid, ties → smallest row index.
    /// </summary>
    /// <remarks>If the data has fewer than k distinct rows, a row may be chosen twice (its distance is 0).</remarks>
    public static double[] Farthest(ReadOnlySpan<double> data, int n, int d, int k, int firstRow)
    {
        CheckArguments(data, n, d, k);
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(firstRow, n);

        var centroids = new double[k * d];
        double[] nearest = NewNearest(n);
        int chosen = firstRow;
        for (int c = 0; c < k; c++)
        {
            if (c > 0)
            {
                chosen = 0;
                for (int i = 1; i < n; i++)
                {
                    if (nearest[i] > nearest[chosen])
                    {
                        chosen = i;
                    }
                }
            }
            AddCentroid(data, n, d, centroids, c, chosen, nearest);
        }
        return centroids;
    }

    /// <summary>
    /// k-means++ (D² sampling, Arthur and Vassilvitskii 2007) driven by a caller-supplied uniform source.
    /// </summary>
    /// <param name="data">n × d data, row-major.</param>
    /// <param name="n">Number of rows.</param>
    /// <param name="d">Number of columns.</param>
    /// <param name="k">Number of centroids.</param>
    /// <param name="uniform">
    /// Returns a uniform double in [0, 1) on each call; it is called exactly k times. The first centroid
    /// is row ⌊u·n⌋; each next is the first row i whose cumulative sum of D² (squared distance to its
    /// nearest chosen centroid, rows in index order) exceeds u·ΣD², skipping rows with D² = 0. When every
    /// D² is 0 (fewer than k distinct rows) the row ⌊u·n⌋ is taken.
    /// </param>
    /// <remarks>
    /// This is plain D² sampling. scikit-learn's <c>k-means++</c> is "greedy" (it draws 2 + ⌊ln k⌋
    /// candidates and keeps the best) and uses its own generator, so the two are not comparable draw for draw.
    /// </remarks>
    public static double[] KMeansPlusPlus(ReadOnlySpan<double> data, int n, int d, int k, Func<double> uniform)
    {
        CheckArguments(data, n, d, k);
        ArgumentNullException.ThrowIfNull(uniform);

        var centroids = new double[k * d];
        double[] nearest = NewNearest(n);
        for (int c = 0; c < k; c++)
        {
            double u = Uniform(uniform);
            double total = 0;
            if (c > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    total += nearest[i];
                }
            }
            int chosen = total > 0 ? SampleByWeight(nearest, u * total) : ScaledIndex(u, n);
            AddCentroid(data, n, d, centroids, c, chosen, nearest);
        }
        return centroids;
    }

    /// <summary>k-means++ with <see cref="System.Random.NextDouble"/> as the uniform source.</summary>
    public static double[] KMeansPlusPlus(ReadOnlySpan<double> data, int n, int d, int k, System.Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return KMeansPlusPlus(data, n, d, k, random.NextDouble);
    }

    /// <summary>
    /// Init <c>random</c>: the centroids are the rows at the caller's indices (k = number of indices),
    /// which must be distinct and in [0, n). See <see cref="DrawDistinctRows"/> to draw them.
    /// </summary>
    public static double[] RandomRows(ReadOnlySpan<double> data, int n, int d, IReadOnlyList<int> rowIndices)
    {
        ArgumentNullException.ThrowIfNull(rowIndices);
        CheckArguments(data, n, d, rowIndices.Count);
        var centroids = new double[rowIndices.Count * d];
        var seen = new HashSet<int>();
        for (int c = 0; c < rowIndices.Count; c++)
        {
            int row = rowIndices[c];
            if (row < 0 || row >= n)
            {
                throw new ArgumentOutOfRangeException(nameof(rowIndices), $"Row index {row} is outside [0, {n}).");
            }
            if (!seen.Add(row))
            {
                throw new ArgumentException($"Row index {row} is repeated; the rows must be distinct.", nameof(rowIndices));
            }
            RowMajor.Row(data, row, d).CopyTo(centroids.AsSpan(c * d, d));
        }
        return centroids;
    }

    /// <summary>
    /// k distinct row indices in [0, n), drawn by a partial Fisher–Yates shuffle: draw c swaps position c
    /// with position c + ⌊u·(n − c)⌋. <paramref name="uniform"/> returns doubles in [0, 1) and is called k times.
    /// </summary>
    public static int[] DrawDistinctRows(int n, int k, Func<double> uniform)
    {
        ArgumentNullException.ThrowIfNull(uniform);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        int[] permutation = Enumerable.Range(0, n).ToArray();
        for (int c = 0; c < k; c++)
        {
            int j = c + ScaledIndex(Uniform(uniform), n - c);
            (permutation[c], permutation[j]) = (permutation[j], permutation[c]);
        }
        return permutation[..k];
    }

    private static void CheckArguments(ReadOnlySpan<double> data, int n, int d, int k)
    {
        RowMajor.CheckMatrix(data, n, d, nameof(data));
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
    }

    private static double[] NewNearest(int n)
    {
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        return nearest;
    }

    /// <summary>Copies row <paramref name="row"/> to centroid <paramref name="c"/> and updates each row's D².</summary>
    private static void AddCentroid(ReadOnlySpan<double> data, int n, int d, double[] centroids, int c, int row, double[] nearest)
    {
        ReadOnlySpan<double> centroid = RowMajor.Row(data, row, d);
        centroid.CopyTo(centroids.AsSpan(c * d, d));
        for (int i = 0; i < n; i++)
        {
            nearest[i] = Math.Min(nearest[i], RowMajor.SquaredDistance(RowMajor.Row(data, i, d), centroid));
        }
    }

    /// <summary>First index whose running sum of weights exceeds <paramref name="target"/>, skipping zero weights.</summary>
    private static int SampleByWeight(double[] weights, double target)
    {
        double running = 0;
        int lastPositive = -1;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0)
            {
                continue;
            }
            running += weights[i];
            lastPositive = i;
            if (running > target)
            {
                return i;
            }
        }
        return lastPositive; // only reached through rounding when target ≈ total
    }

    private static double Uniform(Func<double> uniform)
    {
        double u = uniform();
        if (!(u >= 0 && u < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(uniform), $"The uniform source returned {u}, outside [0, 1).");
        }
        return u;
    }

    private static int ScaledIndex(double u, int count) => Math.Min(count - 1, (int)(u * count));
}
