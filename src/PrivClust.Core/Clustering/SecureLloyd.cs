using System.Diagnostics;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Correlations;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// Lloyd's iterations on shares, revealing one converged bit per iteration and nothing else. One iteration:
/// <list type="number">
/// <item>distances ||c||² − 2x·c (scale 2f): X·Cᵀ with X's mask reused and ||c||² from the same opening — 1 round,
/// which also carries the previous iteration's converged bit and, on small data, the B2A of the previous division's
/// borrows (<see cref="LloydCentroids"/>);</item>
/// <item>one-hot argmin on binary shares (all pairs for small jobs, a tournament for large ones);</item>
/// <item>B2A of the one-hot and of its XOR with the previous one-hot (all zero in the first iteration, whose test is
/// not opened, so that every iteration asks the dealer for the same) — 1 round (argmin and B2A per row chunk above
/// 2^18 rows: <see cref="LloydAssignment"/>);</item>
/// <item>sums Oᵀ·X (1 round; on small data they ride in the B2A round: <see cref="BitRowsProduct"/>), counts (local),
/// exact division with the old centroid as the fallback of an empty cluster (by table lookup when the row count is
/// small, up to its borrows on small data); the test "no row changed" (Σ XOR = 0) rides in it.</item>
/// </list>
/// The iteration in which no assignment changed counts, as scikit-learn's n_iter_.
/// </summary>
internal static class SecureLloyd
{
    /// <summary>
    /// Up to this many pairwise comparisons per iteration, argmin compares all pairs (fewer rounds); beyond it the
    /// tournament's fewer comparisons (k − 1 instead of k(k−1)/2 per row, plus k − 2 selects) are worth its rounds
    /// (stop 13: blobs-1e4, 10^5 pairs, 68.9 → 54.8 ms per iteration over three processes by this alone, 62.8 → 38.2 ms
    /// with the session's other changes; it was 2^17).
    /// </summary>
    internal const long AllPairsLimit = 1 << 14;

    /// <param name="from">The loop state of a checkpoint to resume from (then <paramref name="centroids"/> is ignored); null to start.</param>
    /// <param name="onBoundary">Called with the loop state after the start (iteration 0) and after every iteration (checkpoints).</param>
    /// <param name="chunkRows">Rows per chunk of the assignment step; 0: by the job's size (<see cref="LloydAssignment"/>).</param>
    /// <param name="announced">The first iteration's plan when it was announced already (<see cref="RehearseStart"/>).</param>
    public static LloydOutcome Run(PartySession session, SharedData data, ulong[] centroids, int k, int maxIterations,
        Action<int, bool>? onIteration, CancellationToken cancellation, LloydState? from = null, Action<LloydState>? onBoundary = null,
        int chunkRows = 0, RehearsedStart? announced = null)
    {
        var loop = new LloydCentroids(data, k, from?.Centroids ?? centroids, from?.CentroidBorrows);
        ulong[]? previous = from?.PreviousBits;
        OutputOpening? pending = from?.PendingConverged is { } unopened ? new OutputOpening(unopened, "converged", loop.FoldsBorrows) : null;
        var prefetch = new LloydPrefetch(session);
        var bits = new List<bool>(from?.ConvergedBits ?? []);
        var times = new List<double>(from?.IterationMilliseconds ?? []);
        if (from is null)
        {
            onBoundary?.Invoke(new LloydState(0, loop.Shares, null, null, [], []));
        }
        // n×k buffers reused by every iteration: fresh ones would be gen-2 garbage of 2·8·n·k bytes per iteration.
        ulong[] distances = new ulong[data.Rows * k], byCluster = new ulong[k * data.Rows];
        if (from is null && announced is not null)
        {
            prefetch.AdoptAnnounced(announced.Distances, announced.Plan);
        }
        else if (from is null && RehearseStart(session, data, k, chunkRows) is { } rehearsed)
        {
            prefetch.AnnounceRehearsed(rehearsed.Distances, rehearsed.Plan);
        }
        for (int iteration = (from?.Iteration ?? 0) + 1; ; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            if (iteration > maxIterations)
            {
                // The last iteration's bit has no next round to ride in: open it alone (with the centroids' B2A, if they wait for one).
                bool last = loop.Finish(session, pending);
                Record(bits, times, onIteration, iteration - 1, last, start, replaceTime: true);
                return new LloydOutcome(loop.Shares, maxIterations, last, bits, times);
            }
            // The first iteration compares with an all-zero previous one-hot, so that it asks the dealer for exactly what every
            // later one asks (its plan is recorded and announced from the second iteration on); its "unchanged" test is not opened.
            bool first = previous is null;
            previous ??= new ulong[PackedBits.Words(data.Rows * k)];
            prefetch.BeforeDistances();
            using (session.Stats.Phase("distances"))
            {
                loop.Distances(session, pending, distances);
            }
            prefetch.AfterDistances();
            bool stop = pending is not null && Flag(pending);
            if (pending is not null)
            {
                Record(bits, times, onIteration, iteration - 1, stop, start, replaceTime: false);
            }
            // Every iteration asks the dealer for what the previous one asked: announced.
            prefetch.AtFlag(stop, nextMayRun: iteration + 1 <= maxIterations);
            if (stop)
            {
                return new LloydOutcome(loop.Shares, iteration - 1, true, bits, times);
            }
            LloydAssignment assignment = LloydAssignment.Run(session, distances, data.Rows, k, previous, chunkRows, byCluster, data.X);
            (loop, pending) = Update(session, data, assignment, loop, k);
            if (first)
            {
                pending = null;
            }
            prefetch.AfterUpdate();
            previous = assignment.Bits;
            if (pending is null)
            {
                Record(bits, times, onIteration, iteration, false, start, replaceTime: false);
            }
            else
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            onBoundary?.Invoke(new LloydState(iteration, loop.Shares, previous, pending?.Shares, [.. bits], [.. times], loop.Borrows));
            prefetch.AtBoundary(nextMayRun: iteration + 1 <= maxIterations);
        }
    }

    /// <summary>
    /// What a start asks the dealer for, rehearsed on a throwaway session (<see cref="PlanRehearsal"/>): <paramref name="before"/>
    /// (an init, say: it gets a rehearsal copy of the data), then one iteration — every iteration asks the same (the first
    /// compares with an all-zero previous one-hot), so it is rehearsed on zeros. Null when not worth it.
    /// </summary>
    internal static RehearsedStart? RehearseStart(PartySession session, SharedData data, int k, int chunkRows,
        Action<PartySession, SharedData>? before = null)
    {
        if (!PlanRehearsal.Worth(session, (long)data.Rows * k * (k - 1) / 2))
        {
            return null;
        }
        SharedData copy = data.ForRehearsal();
        var zeros = LloydCentroids.Zero(copy, k);
        List<CorrelationRequest>[] plan = PlanRehearsal.Record(session,
            s => before?.Invoke(s, copy),
            s => zeros.Distances(s, null, new ulong[data.Rows * k]),
            s => Update(s, copy, LloydAssignment.Run(s, new ulong[data.Rows * k], data.Rows, k, new ulong[PackedBits.Words(data.Rows * k)],
                chunkRows, new ulong[k * data.Rows], copy.X), zeros, k));
        return new RehearsedStart(plan[0], plan[1], plan[2]);
    }

    private static void Record(List<bool> bits, List<double> times, Action<int, bool>? onIteration, int iteration, bool converged, long start, bool replaceTime)
    {
        bits.Add(converged);
        if (bits.Count > times.Count)
        {
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        else if (replaceTime)
        {
            times[^1] += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        onIteration?.Invoke(iteration, converged);
    }

    internal static bool Flag(OutputOpening opening) => opening.Opened![0] switch
    {
        0 => false,
        1 => true,
        _ => throw new InvalidOperationException("The opened converged bit is not a bit: the parties' shares are out of step."),
    };

    /// <summary>
    /// New centroids (an empty cluster keeps its centroid) and the shares of "no row changed" to open in the next round. When
    /// the centroids fold their B2A into the next distances round (<see cref="LloydCentroids.FoldsBorrows"/>), the division
    /// stops at its borrows and the bit comes as an XOR-sharing: an extra sign test is Base + b ∈ {0, 1} with b a bit, so its
    /// parity lsb(Base) ⊕ b, and lsb of a Z_2^64 sharing is an XOR-sharing of the value's lsb.
    /// </summary>
    private static (LloydCentroids Centroids, OutputOpening Unchanged) Update(PartySession session, SharedData data, LloydAssignment assignment,
        LloydCentroids centroids, int k)
    {
        int d = data.Columns, cells = k * d;
        ulong[] sums = assignment.Sums ?? SumsByProduct();
        ulong[] SumsByProduct()
        {
            ulong[] product = new ulong[cells];
            using (session.Stats.Phase("update"))
            {
                MatrixProduct.MultiplyRight(session, assignment.OneHotByCluster, k, data.X, product);
            }
            return product;
        }
        ulong[] counts = SharedData.RowSums(assignment.OneHotByCluster, k, data.Rows);
        // Σ (o ⊕ o_prev) over k − 1 columns: 1 or 2 per changed row, ≥ 0; 0 exactly when [2^(64−K)·(Σ − 1) < 0] (Σ < 2^(K−1)).
        ulong[] extra = [assignment.Changed - (session.IsParty0 ? assignment.ChangedUnit : 0UL)];
        ulong[] empty = new ulong[k];
        using (session.Stats.Phase("division"))
        {
            if (!centroids.FoldsBorrows)
            {
                ulong[] means = new ulong[cells], unchanged = new ulong[extra.Length];
                Division.DivideByCount(session, sums, d, counts, means, empty, centroids.Shares, extra, unchanged, data.Rows);
                return (centroids.Next(means, null), new OutputOpening(unchanged, "converged"));
            }
            PendingQuotients quotients = Division.DivideToBorrows(session, sums, d, counts, empty, centroids.Shares, extra, data.Rows);
            ulong[] borrows = new ulong[PackedBits.Words(cells)];
            PackedBits.Extract(quotients.BorrowBits, 0, cells, borrows);
            ulong flag = (quotients.Base[cells] & 1) ^ PackedBits.Get(quotients.BorrowBits, cells);
            return (centroids.Next(quotients.Base[..cells], borrows), new OutputOpening([flag], "converged", binary: true));
        }
    }

    /// <summary>One-hot (n×k, arithmetic) of each row's nearest centroid, with the minimum distances (tournament).</summary>
    public static ulong[] Assign(PartySession session, SharedData data, ReadOnlySpan<ulong> centroids, int k) =>
        Assign(session, data, centroids, k, out _);

    /// <param name="chunkRows">Rows per chunk of the argmin; 0: by the job's size (<see cref="LloydAssignment.ChunkRowsFor"/>).</param>
    public static ulong[] Assign(PartySession session, SharedData data, ReadOnlySpan<ulong> centroids, int k, out ulong[] minimum, int chunkRows = 0)
    {
        ulong[] distances;
        using (session.Stats.Phase("distances"))
        {
            distances = data.PartialDistances(session, centroids, k);
        }
        int n = data.Rows, chunk = Math.Max(1, chunkRows > 0 ? chunkRows : LloydAssignment.ChunkRowsFor(n));
        ulong[] oneHot = new ulong[n * k];
        minimum = new ulong[n];
        using (session.Stats.Phase("comparisons"))
        {
            for (int start = 0; start < n; start += chunk)
            {
                int rows = Math.Min(chunk, n - start);
                Tournament.ArgMin(session, distances.AsSpan(start * k, rows * k), rows, k, oneHot.AsSpan(start * k, rows * k), minimum.AsSpan(start, rows));
            }
        }
        return oneHot;
    }
}
