using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// k-means++ (D² sampling) on shares: each next centroid is row i with probability D(i)² / Σ D², chosen
/// obliviously. With prefix sums P_i of the squared distances (scale f) and a public uniform u, the chosen row is
/// the first i with P_i &gt; u·P_n: the comparisons [P_i − u·P_n &gt; 0] form a step 0…0 1…1, whose differences are
/// the one-hot of the chosen row. The prefix sums live in Z_2^128, so no sum can wrap.
/// </summary>
internal static class SecureKMeansPlusPlus
{
    private const int UniformBits = 32;

    public static ulong[] Init(PartySession session, SharedData data, int k, out int firstRow)
    {
        int n = data.Rows, d = data.Columns, f = session.FixedPoint.FractionalBits;
        firstRow = (int)session.Coins.NextBelow((ulong)n);
        ulong[] centroids = new ulong[k * d];
        data.RowsAt([firstRow]).CopyTo(centroids, 0);
        ulong[] nearest = data.Distances(session, centroids.AsSpan(0, d), 1);
        for (int j = 1; j < k; j++)
        {
            ulong[] oneHot = Sample(session, nearest, f);
            ulong[] row = data.WeightedSums(session, oneHot, 1);
            row.CopyTo(centroids, j * d);
            if (j < k - 1)
            {
                ulong[] next = data.Distances(session, row, 1);
                ulong[] diff = new ulong[n], smaller = new ulong[n], merged = new ulong[n];
                Arithmetic.Ring.Subtract<ulong>(next, nearest, diff);
                Comparison.LessThanZero<ulong>(session, diff, smaller);
                Selection.Select(session, smaller, next, nearest, merged);
                nearest = merged;
            }
        }
        return centroids;
    }

    /// <summary>One-hot (n) of a row drawn with probability proportional to its squared distance (scale 2f).</summary>
    private static ulong[] Sample(PartySession session, ulong[] squaredDistances, int f)
    {
        int n = squaredDistances.Length;
        ulong[] weights = new ulong[n];
        Truncation.Truncate<ulong>(session, squaredDistances, f, weights);
        UInt128[] wide = new UInt128[n];
        Truncation.Extend(session, weights, wide);
        UInt128 total = UInt128.Zero;
        foreach (UInt128 w in wide)
        {
            total += w;
        }
        ulong u = session.Coins.NextUInt64() >> (64 - UniformBits);
        UInt128[] gap = new UInt128[n];
        UInt128 prefix = UInt128.Zero;
        for (int i = 0; i < n; i++)
        {
            prefix += wide[i];
            gap[i] = (prefix << UniformBits) - total * u;
        }
        Truncation.Truncate<UInt128>(session, gap, UniformBits, gap);
        ulong[] negatedGap = new ulong[n], above = new ulong[n];
        Truncation.Reduce(gap, negatedGap);
        Arithmetic.Ring.Negate<ulong>(negatedGap, negatedGap);
        // above_i = [gap_i > 0] = [P_i > u·total] = [−gap_i < 0]: a step 0…0 1…1 over i.
        Comparison.LessThanZero<ulong>(session, negatedGap, above);
        ulong[] oneHot = new ulong[n];
        ulong previous = 0;
        for (int i = 0; i < n; i++)
        {
            oneHot[i] = above[i] - previous;
            previous = above[i];
        }
        // The last prefix equals the total, so the step always happens by row n − 1 when u < 1.
        return oneHot;
    }
}
