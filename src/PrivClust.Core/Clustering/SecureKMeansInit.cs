using PrivClust.Core.Clustering.Plaintext;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// Initial centroids on shares. Row indices drawn by joint coin flip are public (their values are not);
/// every later choice (farthest point, D² sampling) is oblivious: no index and no row is revealed.
/// </summary>
internal static class SecureKMeansInit
{
    /// <summary>Up to this many pairs the farthest-point init compares all pairs (once per centre, so rounds matter more than in Lloyd's loop).</summary>
    internal const long AllPairsLimit = 1 << 17;

    /// <summary>Given centroids (public, encoded): party 0 holds them, party 1 holds zeros.</summary>
    public static ulong[] Given(PartySession session, ReadOnlySpan<ulong> encoded)
    {
        ulong[] shares = new ulong[encoded.Length];
        Sharing.Public(session, encoded, shares);
        return shares;
    }

    /// <summary>k distinct rows chosen by joint coin flip (as <see cref="PlainKMeansInit.DrawDistinctRows"/>).</summary>
    public static ulong[] Random(PartySession session, SharedData data, int k, out int[] rows)
    {
        rows = PlainKMeansInit.DrawDistinctRows(data.Rows, k, () => Uniform(session));
        return data.RowsAt(rows);
    }

    /// <summary>
    /// The first centroid is the row picked by joint coin flip; each next one is the row whose squared distance
    /// to its nearest chosen centroid is largest (ties to the lower index), found by an oblivious argmax and
    /// extracted as one-hotᵀ·X.
    /// </summary>
    public static ulong[] Farthest(PartySession session, SharedData data, int k, out int firstRow)
    {
        int n = data.Rows, d = data.Columns;
        firstRow = (int)session.Coins.NextBelow((ulong)n);
        ulong[] centroids = new ulong[k * d];
        data.RowsAt([firstRow]).CopyTo(centroids, 0);
        ulong[] nearest = data.Distances(session, centroids.AsSpan(0, d), 1);
        for (int j = 1; j < k; j++)
        {
            ulong[] oneHot = Farthest(session, nearest);
            ulong[] row = data.WeightedSums(session, oneHot, 1);
            row.CopyTo(centroids, j * d);
            if (j < k - 1)
            {
                nearest = Minimum(session, nearest, data.Distances(session, row, 1));
            }
        }
        return centroids;
    }

    /// <summary>
    /// One-hot of the largest value, ties to the lower index: all pairs at once for small n (argmin of the negated
    /// values, 7 + ⌈log2(n−1)⌉ rounds and one B2A), the tournament otherwise.
    /// </summary>
    private static ulong[] Farthest(PartySession session, ulong[] values)
    {
        int n = values.Length;
        ulong[] oneHot = new ulong[n];
        if ((long)n * (n - 1) / 2 <= AllPairsLimit)
        {
            ulong[] negated = new ulong[n];
            Arithmetic.Ring.Negate<ulong>(values, negated);
            Comparison.BitsToArithmetic<ulong>(session, AllPairsArgMin.ArgMinBits(session, negated, 1, n), oneHot);
            return oneHot;
        }
        Tournament.ArgMax(session, values, 1, n, oneHot, new ulong[1]);
        return oneHot;
    }

    /// <summary>A uniform double in [0, 1) from the public coins (53 random bits).</summary>
    public static double Uniform(PartySession session) => (session.Coins.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static ulong[] Minimum(PartySession session, ulong[] a, ulong[] b)
    {
        ulong[] diff = new ulong[a.Length], bSmaller = new ulong[a.Length], result = new ulong[a.Length];
        Arithmetic.Ring.Subtract(b, a, diff);
        Comparison.LessThanZero<ulong>(session, diff, bSmaller);
        Selection.Select(session, bSmaller, b, a, result);
        return result;
    }
}
