using System.Diagnostics;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// Lloyd's iterations on shares, revealing one converged bit per iteration and nothing else:
/// distances ||c||² − 2x·c (scale 2f, no truncation), one-hot argmin, per-cluster sums as Oᵀ·X with X's mask
/// reused, counts as column sums of O, exact division, and an empty cluster keeping its centroid. The
/// iteration in which no assignment changed counts, as scikit-learn's n_iter_.
/// </summary>
internal static class SecureLloyd
{
    public static LloydOutcome Run(PartySession session, SharedData data, ulong[] centroids, int k, int maxIterations,
        Action<int, bool>? onIteration, CancellationToken cancellation)
    {
        int n = data.Rows, d = data.Columns;
        ulong[] c = centroids.ToArray();
        ulong[]? previous = null;
        var bits = new List<bool>();
        var times = new List<double>();
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            ulong[] oneHot = Assign(session, data, c, k);
            bool converged = previous is not null && Unchanged(session, oneHot, previous, n);
            if (!converged)
            {
                c = Update(session, data, oneHot, c, k, d);
            }
            bits.Add(converged);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            onIteration?.Invoke(iteration, converged);
            if (converged)
            {
                return new LloydOutcome(c, iteration, true, bits, times);
            }
            previous = oneHot;
        }
        return new LloydOutcome(c, maxIterations, false, bits, times);
    }

    /// <summary>One-hot (n×k) of each row's nearest centroid, ties to the lower index.</summary>
    public static ulong[] Assign(PartySession session, SharedData data, ReadOnlySpan<ulong> centroids, int k) =>
        Assign(session, data, centroids, k, out _);

    public static ulong[] Assign(PartySession session, SharedData data, ReadOnlySpan<ulong> centroids, int k, out ulong[] minimum)
    {
        ulong[] distances;
        using (session.Stats.Phase("distances"))
        {
            distances = data.PartialDistances(session, centroids, k);
        }
        ulong[] oneHot = new ulong[data.Rows * k];
        minimum = new ulong[data.Rows];
        using (session.Stats.Phase("comparisons"))
        {
            Tournament.ArgMin(session, distances, data.Rows, k, oneHot, minimum);
        }
        return oneHot;
    }

    /// <summary>Opens one bit: did no row change its cluster? (n products, one comparison.)</summary>
    private static bool Unchanged(PartySession session, ulong[] oneHot, ulong[] previous, int n)
    {
        using var phase = session.Stats.Phase("convergence");
        ulong[] agree = new ulong[oneHot.Length];
        Multiplication.Multiply<ulong>(session, oneHot, previous, agree);
        ulong same = 0;
        foreach (ulong a in agree)
        {
            same += a;
        }
        ulong changed = (session.IsParty0 ? (ulong)n : 0) - same;
        ulong[] isZero = new ulong[1];
        Equality.IsZeroNonNegative(session, [changed], isZero);
        return Sharing.OpenFlags(session, isZero, "converged")[0];
    }

    /// <summary>New centroids: means of the assigned rows; an empty cluster keeps its centroid.</summary>
    private static ulong[] Update(PartySession session, SharedData data, ulong[] oneHot, ulong[] centroids, int k, int d)
    {
        ulong[] sums;
        using (session.Stats.Phase("update"))
        {
            sums = data.WeightedSums(session, oneHot, k);
        }
        ulong[] counts = SharedData.ColumnSums(oneHot, data.Rows, k);
        ulong[] means = new ulong[k * d], empty = new ulong[k];
        using (session.Stats.Phase("division"))
        {
            Division.DivideByCount(session, sums, d, counts, means, empty);
        }
        ulong[] emptyPerCoordinate = new ulong[k * d];
        for (int i = 0; i < emptyPerCoordinate.Length; i++)
        {
            emptyPerCoordinate[i] = empty[i / d];
        }
        ulong[] next = new ulong[k * d];
        using (session.Stats.Phase("update"))
        {
            Selection.Select(session, emptyPerCoordinate, centroids, means, next);
        }
        return next;
    }
}
