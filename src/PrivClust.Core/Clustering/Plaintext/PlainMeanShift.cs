namespace PrivClust.Core.Clustering.Plaintext;

/// <summary>
/// Plaintext flat-kernel mean-shift from given seeds: the reference twin of the secure mean-shift,
/// semantically equal to scikit-learn's <c>MeanShift(bandwidth=R, seeds=S, bin_seeding=False)</c>
/// (scikit-learn 1.2, <c>cluster_all=True</c>).
/// </summary>
/// <remarks>
/// <para>Layout: data n × d and seeds s × d, flat row-major spans of finite values.</para>
/// <para>Per seed (scikit-learn's <c>_mean_shift_single_seed</c>): window = rows with exact squared
/// distance Σ(x−m)² ≤ R·R; if the window is empty the seed is dropped; otherwise m ← mean of the
/// window; stop when ‖m_new − m_old‖ &lt; 1e-3·R or when the iteration counter (incremented after each
/// non-final update, starting at 0) already equals max-iter — so at most max-iter + 1 updates happen.</para>
/// <para>Merge: identical final positions are collapsed (the later seed's window size wins, like
/// scikit-learn's dictionary); positions are sorted by window size descending, then by coordinates
/// descending (Python tuple order); walking that order, each centre still marked unique marks every
/// other centre within R (squared distance ≤ R·R) as a duplicate. Labels: nearest kept centre.</para>
/// </remarks>
public static class PlainMeanShift
{
    /// <summary>scikit-learn's default <c>max_iter</c>.</summary>
    public const int DefaultMaxIterations = 300;

    /// <summary>A seed stops once its shift is below this factor times the bandwidth.</summary>
    public const double StopFactor = 1e-3;

    /// <summary>Runs mean-shift from every seed, merges the results and labels the data.</summary>
    /// <param name="data">n × d data, row-major.</param>
    /// <param name="n">Number of rows (≥ 1).</param>
    /// <param name="d">Number of columns (≥ 1).</param>
    /// <param name="seeds">s × d seeds, row-major.</param>
    /// <param name="seedCount">Number of seeds s (≥ 1).</param>
    /// <param name="bandwidth">The radius R (&gt; 0).</param>
    /// <param name="maxIterations">scikit-learn's <c>max_iter</c> (≥ 0).</param>
    /// <exception cref="InvalidOperationException">Every seed was dropped (no row within R of any seed).</exception>
    public static MeanShiftResult Fit(
        ReadOnlySpan<double> data, int n, int d, ReadOnlySpan<double> seeds, int seedCount, double bandwidth,
        int maxIterations = DefaultMaxIterations)
    {
        RowMajor.CheckMatrix(data, n, d, nameof(data));
        RowMajor.CheckMatrix(seeds, seedCount, d, nameof(seeds));
        CheckParameters(bandwidth, maxIterations);

        var climbs = new MeanShiftSeedResult[seedCount];
        for (int s = 0; s < seedCount; s++)
        {
            climbs[s] = Climb(data, n, d, RowMajor.Row(seeds, s, d), bandwidth, maxIterations);
        }
        int iterations = climbs.Max(c => c.Iterations);
        List<MeanShiftSeedResult> kept = climbs.Where(c => !c.Dropped).ToList();
        if (kept.Count == 0)
        {
            throw new InvalidOperationException(
                $"No row is within bandwidth {bandwidth} of any seed; choose other seeds or a larger bandwidth.");
        }
        bool converged = kept.All(c => c.Converged);

        double[] centres = Merge(kept, d, bandwidth, out int count);
        int[] labels = RowMajor.NearestLabels(data, n, d, centres, count);
        return new MeanShiftResult(centres, count, d, labels, iterations, converged, climbs);
    }

    /// <summary>The hill climb of a single seed (exposed for testing the secure version step by step).</summary>
    /// <param name="data">n × d data, row-major.</param>
    /// <param name="n">Number of rows.</param>
    /// <param name="d">Number of columns.</param>
    /// <param name="seed">The starting position (d values).</param>
    /// <param name="bandwidth">The radius R (&gt; 0).</param>
    /// <param name="maxIterations">scikit-learn's <c>max_iter</c> (≥ 0).</param>
    public static MeanShiftSeedResult ClimbSeed(
        ReadOnlySpan<double> data, int n, int d, ReadOnlySpan<double> seed, double bandwidth,
        int maxIterations = DefaultMaxIterations)
    {
        RowMajor.CheckMatrix(data, n, d, nameof(data));
        RowMajor.CheckMatrix(seed, 1, d, nameof(seed));
        CheckParameters(bandwidth, maxIterations);
        return Climb(data, n, d, seed, bandwidth, maxIterations);
    }

    private static void CheckParameters(double bandwidth, int maxIterations)
    {
        if (!(bandwidth > 0) || !double.IsFinite(bandwidth))
        {
            throw new ArgumentOutOfRangeException(nameof(bandwidth), $"The bandwidth must be positive and finite, got {bandwidth}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
    }

    private static MeanShiftSeedResult Climb(
        ReadOnlySpan<double> data, int n, int d, ReadOnlySpan<double> seed, double bandwidth, int maxIterations)
    {
        double radiusSquared = bandwidth * bandwidth;
        double stopThreshold = StopFactor * bandwidth;
        double[] mean = seed.ToArray();
        var sum = new double[d];
        int completed = 0;
        while (true)
        {
            Array.Clear(sum);
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<double> x = RowMajor.Row(data, i, d);
                if (RowMajor.SquaredDistance(x, mean) <= radiusSquared)
                {
                    count++;
                    for (int j = 0; j < d; j++)
                    {
                        sum[j] += x[j];
                    }
                }
            }
            if (count == 0)
            {
                return new MeanShiftSeedResult(mean, 0, completed, Converged: false, Dropped: true);
            }
            double shiftSquared = 0;
            for (int j = 0; j < d; j++)
            {
                double next = sum[j] / count;
                shiftSquared += (next - mean[j]) * (next - mean[j]);
                mean[j] = next;
            }
            bool converged = Math.Sqrt(shiftSquared) < stopThreshold;
            if (converged || completed == maxIterations)
            {
                return new MeanShiftSeedResult(mean, count, completed, converged, Dropped: false);
            }
            completed++;
        }
    }

    /// <summary>scikit-learn's post-processing: de-duplicate, order by intensity, suppress near duplicates.</summary>
    private static double[] Merge(List<MeanShiftSeedResult> kept, int d, double bandwidth, out int count)
    {
        // Python dict keyed by the position tuple: equal positions collapse, the later value wins.
        var distinct = new List<(double[] Position, int Size)>();
        foreach (MeanShiftSeedResult climb in kept)
        {
            int existing = distinct.FindIndex(e => e.Position.AsSpan().SequenceEqual(climb.Position));
            if (existing >= 0)
            {
                distinct[existing] = (distinct[existing].Position, climb.WindowSize);
            }
            else
            {
                distinct.Add((climb.Position, climb.WindowSize));
            }
        }
        // sorted(key=(size, tuple), reverse=True): size descending, then coordinates descending.
        distinct.Sort((a, b) =>
        {
            int bySize = b.Size.CompareTo(a.Size);
            return bySize != 0 ? bySize : CompareLexicographic(b.Position, a.Position);
        });

        double radiusSquared = bandwidth * bandwidth;
        var unique = new bool[distinct.Count];
        Array.Fill(unique, true);
        for (int i = 0; i < distinct.Count; i++)
        {
            if (!unique[i])
            {
                continue;
            }
            for (int j = 0; j < distinct.Count; j++)
            {
                if (j != i && RowMajor.SquaredDistance(distinct[i].Position, distinct[j].Position) <= radiusSquared)
                {
                    unique[j] = false;
                }
            }
        }

        var centres = new List<double>();
        count = 0;
        for (int i = 0; i < distinct.Count; i++)
        {
            if (unique[i])
            {
                centres.AddRange(distinct[i].Position);
                count++;
            }
        }
        return centres.ToArray();
    }

    private static int CompareLexicographic(double[] a, double[] b)
    {
        for (int j = 0; j < a.Length; j++)
        {
            int c = a[j].CompareTo(b[j]);
            if (c != 0)
            {
                return c;
            }
        }
        return 0;
    }
}
