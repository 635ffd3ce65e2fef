using System.Diagnostics;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Clustering.Plaintext;
using PrivClust.Core.Correlations;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// Mean-shift with a flat kernel on shares (scikit-learn's semantics, DESIGN §5). Every seed moves each
/// iteration to the mean of its window (squared distance ≤ R²) while it is active; it stops — secretly — when
/// its shift is below 1e-3·R or its window is empty. Only "all seeds stopped" is opened, once per iteration. Nothing
/// waits on its own round (11 rounds per iteration on small data): a step's shift test rides in the next
/// iteration's window comparison and its deactivation (a product) in the round that gives the next window sums; the "all stopped" test of the
/// active bits rides in the next division and is opened in the distance round after it; the division's last round folds
/// into the moves round. So the loop learns "all stopped after
/// step j" during iteration j + 2 and drops step j + 1, which moved nothing (no seed was active). The converged seeds
/// are then merged obliviously (<see cref="SecureMeanShiftMerge"/>).
/// </summary>
internal static class SecureMeanShift
{
    /// <summary>
    /// Windows compared per batch: the circuit's temporaries for all n·m windows at once held ~1 GB per party at 10^5 rows
    /// × 32 seeds (2^18 was slower, 2^20 no slower than one batch; benchmarks.md, stop 14).
    /// </summary>
    internal const int WindowChunk = 1 << 20;

    /// <param name="from">The loop state of a checkpoint to resume from (then no seeds are drawn); null to start.</param>
    /// <param name="onBoundary">
    /// Called with the loop state at every iteration boundary (checkpoints): right after each iteration's windows are
    /// summed (with the active bits after the previous step); the next stretch is announced after it, or before it behind
    /// a mark at the boundary's place in the dealer stream (<see cref="MeanShiftPrefetch.Ahead"/>).
    /// </param>
    public static MeanShiftOutcome Run(PartySession session, SharedData data, JobSpec spec, PreparedInput input,
        Action<int, bool>? onIteration, CancellationToken cancellation, MeanShiftState? from = null, Action<MeanShiftState>? onBoundary = null)
    {
        int d = data.Columns;
        ulong[] position = from?.Positions ?? Seeds(session, data, spec, input);
        int m = position.Length / d;
        ulong r2 = SquaredAtDoubleScale(session, spec.Bandwidth);
        ulong stop2 = SquaredAtDoubleScale(session, PlainMeanShift.StopFactor * spec.Bandwidth);
        var test = Test(session, spec, input, data.Rows);
        ulong[] active = from?.Active ?? Enumerable.Repeat(session.IsParty0 ? 1UL : 0UL, m).ToArray();
        ulong[] intensity = from?.Intensities ?? new ulong[m];
        var bits = new List<bool>(from?.ConvergedBits ?? []);
        var times = new List<double>(from?.IterationMilliseconds ?? []);
        int iteration = from?.Iteration ?? 0;
        bool converged = false;
        Pending? pending = null;   // the last step's shift test and the "all stopped" test before it, not opened yet
        Window? resumed = from is null ? null : new Window(from.WindowSums, from.WindowCounts, from.Active, null);
        var stretches = new MeanShiftPrefetch(session);
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (iteration > spec.MaxIter)
            {
                // No next iteration to ride in: finish the last tests alone.
                converged = Finish(session, pending!, active, bits, onIteration, times, ref iteration);
                break;
            }
            long start = Stopwatch.GetTimestamp() - (long)((from?.CurrentMilliseconds ?? 0) * Stopwatch.Frequency / 1000);
            // After step 0, before any move, every seed is active: that test (computed so that every stretch asks the dealer
            // for the same) is not opened.
            Window window = resumed ?? OpenWindow(session, data, position, active, pending, openStopped: iteration > 1, test,
                stopped => stretches.Ahead(!stopped && iteration + 1 <= spec.MaxIter, () => RehearseStretch(session, data, position, stop2, test)));
            if (window.AllStopped is bool stopped)
            {
                // "All stopped after step iteration − 1": then step iteration moved nothing and is dropped.
                converged = stopped;
                Record(bits, onIteration, iteration - 1, converged, times, converged);
                if (converged)
                {
                    iteration--;
                    break;
                }
            }
            active = window.Active;
            stretches.End();
            if (resumed is null)
            {
                onBoundary?.Invoke(new MeanShiftState(iteration, position, intensity, active, window.Sums, window.Counts, [.. bits], [.. times],
                    Stopwatch.GetElapsedTime(start).TotalMilliseconds));
            }
            (resumed, from) = (null, null);
            stretches.Begin(iteration + 1 <= spec.MaxIter, () => RehearseStretch(session, data, position, stop2, test));
            iteration++;
            (position, intensity, pending) = FinishStep(session, window, position, intensity, active, stop2, data.Rows);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        stretches.End();
        double[] centres;
        using (session.Stats.Phase("merge"))
        {
            centres = SecureMeanShiftMerge.Merge(session, position, intensity, m, d, r2);
        }
        // `iteration` counts moves, the last (stopping) one included; scikit-learn's n_iter_ counts the completed ones before it.
        return new MeanShiftOutcome(centres, centres.Length / d, iteration - 1, converged, bits, times);
    }

    /// <summary>
    /// Before the data is shared, on a fresh small run: announces the data's mask and the first windows as one plan, rehearsed
    /// together with the sharing (<see cref="PlanRehearsal"/>; the seeds ask the dealer for nothing: they are rows or public
    /// values), so that the dealer makes the first windows' material while the rows are shared and the seeds drawn. Announced
    /// only at the first windows, it cost the first iteration a dealer round trip and its generation (stop 18 trace: 1.1–1.8 ms
    /// of a 5–7 ms iteration at meanshift-seed). <see cref="SecureClustering"/> calls it for every fresh run; a resumed run
    /// records its first stretch instead.
    /// </summary>
    internal static void AnnounceStart(PartySession session, JobSpec spec, PreparedInput input, int rows, Func<PartySession, SharedData> share)
    {
        int d = input.Columns;
        int m = spec.Seeds is null ? spec.Dust : spec.Seeds.Count;
        if (PlanRehearsal.Worth(session, (long)rows * m))
        {
            var test = Test(session, spec, input, rows);
            session.Correlations.Prefetch(PlanRehearsal.Record(session,
                s => OpenWindow(s, share(s), new ulong[m * d], new ulong[m], null, openStopped: false, test))[0]);
        }
    }

    /// <summary>
    /// The dealer requests of one stretch (a step, then the next windows), learnt on a throwaway session with zeros for
    /// the secret state (<see cref="PlanRehearsal"/>); null when not worth it. The rows' squared norms are cached by now
    /// (the first windows computed them), and a rehearsal never fills that cache anyway.
    /// </summary>
    private static List<CorrelationRequest>? RehearseStretch(PartySession session, SharedData data, ulong[] position, ulong stop2, WindowTest test)
    {
        int m = position.Length / data.Columns;
        if (!PlanRehearsal.Worth(session, (long)data.Rows * m + m))
        {
            return null;
        }
        var zeros = new Window(new ulong[position.Length], new ulong[m], new ulong[m], null);
        List<CorrelationRequest>[] plan = PlanRehearsal.Record(session, s =>
        {
            (ulong[] moved, _, Pending pending) = FinishStep(s, zeros, new ulong[position.Length], new ulong[m], new ulong[m], stop2, data.Rows);
            OpenWindow(s, data, moved, new ulong[m], pending, openStopped: false, test);
        });
        return plan[0];
    }

    /// <param name="dropLast">The last step moved nothing (all seeds had stopped before it): its time is not an iteration's.</param>
    private static void Record(List<bool> bits, Action<int, bool>? onIteration, int iteration, bool converged, List<double> times, bool dropLast)
    {
        bits.Add(converged);
        if (dropLast && times.Count > 0)
        {
            times.RemoveAt(times.Count - 1);
        }
        onIteration?.Invoke(iteration, converged);
    }

    private static ulong[] Seeds(PartySession session, SharedData data, JobSpec spec, PreparedInput input)
    {
        if (spec.Seeds is not null)
        {
            return SecureKMeansInit.Given(session, input.Given(spec.Seeds)!);
        }
        int[] rows = PlainKMeansInit.DrawDistinctRows(data.Rows, spec.Dust, () => SecureKMeansInit.Uniform(session));
        return data.RowsAt(rows);
    }

    /// <summary>round(v²·2^(2f)) as this party's share of a public constant.</summary>
    public static ulong SquaredAtDoubleScale(PartySession session, double v)
    {
        double scaled = v * v * Math.ScaleB(1.0, 2 * session.FixedPoint.FractionalBits);
        if (scaled >= Arithmetic.FixedPoint.SafeRawLimit)
        {
            throw new InvalidJobException("--bandwidth is too large for the fixed-point range: use --scale standard or fewer --fractional-bits");
        }
        return session.IsParty0 ? (ulong)Math.Round(scaled) : 0UL;
    }

    /// <summary>
    /// The window test's radius (this party's share of R² at scale 2f), the width of its comparisons and the width of the
    /// window sums' opening (<see cref="SumBits"/>).
    /// </summary>
    private sealed record WindowTest(ulong R2, int Bits, int SumBits);

    private static WindowTest Test(PartySession session, JobSpec spec, PreparedInput input, int rows) =>
        new(SquaredAtDoubleScale(session, spec.Bandwidth), WindowBits(session.FixedPoint, spec, input, input.Columns),
            SumBits(session.FixedPoint, spec, rows));

    /// <summary>
    /// The width K of the window sums' opening: a window sum of n rows, each coordinate at most E = ⌈B·2^f⌉ + 1 in
    /// magnitude (scale f), lies within ±n·E, and <see cref="RingLift"/> needs it below 2^(K−2). 64 (no reduction, no lift
    /// round) when the job declares no bound or K would save less than a byte per window.
    /// </summary>
    internal static int SumBits(Arithmetic.FixedPoint fixedPoint, JobSpec spec, int rows)
    {
        double bound = RangeGuard.Declared(spec);
        if (!double.IsFinite(bound) || bound * fixedPoint.Scale >= Math.ScaleB(1.0, 40))
        {
            return 64;
        }
        int bits = BitLength((UInt128)(ulong)rows * ((ulong)Math.Ceiling(bound * fixedPoint.Scale) + 1)) + 2;
        return bits <= 56 ? bits : 64;
    }

    private static int BitLength(UInt128 value) => 128 - (int)UInt128.LeadingZeroCount(value);

    /// <summary>
    /// The width L of the window comparisons (<see cref="NarrowComparison"/>), from public values only: with every coordinate
    /// of the rows and of the positions at most E in magnitude (scale f) — E from the job's value bound and the given seeds;
    /// moved positions are floored means of rows — the window probes R² − ‖x − s‖² and the shift tests ‖Δ‖² − stop² lie
    /// within ±max(d·(2E)², R², stop²) (scale 2f), so L is that bound's bit length plus the sign. 64 (the whole ring) when
    /// the job declares no bound or L would not be smaller.
    /// </summary>
    internal static int WindowBits(Arithmetic.FixedPoint fixedPoint, JobSpec spec, PreparedInput input, int d)
    {
        double bound = RangeGuard.Declared(spec);
        if (!double.IsFinite(bound))
        {
            return 64;
        }
        double e = Math.Ceiling(bound * fixedPoint.Scale);
        foreach (ulong seed in input.Given(spec.Seeds) ?? [])
        {
            e = Math.Max(e, Math.Abs((double)(long)seed));
        }
        if (e >= Math.ScaleB(1.0, 31))
        {
            return 64;
        }
        var extent = (UInt128)(ulong)e + 1;
        UInt128 largest = 4 * (UInt128)(ulong)d * extent * extent;
        double r2 = spec.Bandwidth * spec.Bandwidth * fixedPoint.Scale * fixedPoint.Scale;
        largest = UInt128.Max(largest, (UInt128)Math.Ceiling(r2));   // stop² = (1e-3·R)² is smaller
        return Math.Min(BitLength(largest) + 1, 64);
    }

    /// <summary>
    /// One iteration's windows and sums, the active bits after the previous step, and the opened "all stopped" bit of the
    /// step before that when one was pending.
    /// </summary>
    private sealed record Window(ulong[] Sums, ulong[] Counts, ulong[] Active, bool? AllStopped);

    /// <summary>
    /// What a step leaves to the next iteration: its shift test (shift² − stop², &lt; 0 ⇔ the seed stops) and the shares
    /// of "no seed was active in it" (tested in its division's comparison), to open.
    /// </summary>
    private sealed record Pending(ulong[] ShiftProbe, ulong[] NoneActive);

    /// <summary>
    /// The windows (squared distance ≤ R²) of the m seeds and their sums, in 6 rounds (5 on small data,
    /// <see cref="OpenSmallWindow"/>): the distances (opening the pending "all stopped" bit), one comparison batch with the
    /// last step's shift tests, and the sums round, which also carries the product that deactivates the seeds whose
    /// shift was small.
    /// </summary>
    /// <param name="afterFlag">Called right after the distances round with the opened "all stopped" bit (false when none was opened).</param>
    private static Window OpenWindow(PartySession session, SharedData data, ulong[] position, ulong[] active, Pending? pending, bool openStopped,
        WindowTest test, Action<bool>? afterFlag = null)
    {
        int n = data.Rows, m = position.Length / data.Columns;
        int extra = pending is null ? 0 : m;
        OutputOpening? stopped = pending is null || !openStopped ? null : new OutputOpening(pending.NoneActive, "converged");
        // The n·m working arrays come from the pool: fresh ones cost a page fault per 4 KiB at every iteration.
        using var probeBuffer = new PooledBuffer<ulong>(n * m + extra);
        Span<ulong> probes = probeBuffer.Span;
        bool small = (long)n * m * data.Columns <= BitRowsProduct.MaxProducts;
        // Windows compared in Z_2^L (big batches only: small ones keep the 4-ary circuit's fewer rounds) need their distances
        // modulo 2^L only; the dealer's share of them then travels at L bits.
        int width = !small && probes.Length > Comparison.FourAryLimit ? test.Bits : 64;
        using (session.Stats.Phase("comparisons"))
        {
            data.Distances(session, position, m, probes, stopped, width < 64 ? width : 0);
            for (int i = 0; i < n * m; i++)
            {
                probes[i] = test.R2 - probes[i];   // < 0 ⇔ outside the window
            }
            pending?.ShiftProbe.CopyTo(probes[(n * m)..]);
        }
        afterFlag?.Invoke(stopped is not null && Flag(stopped));
        if (small)
        {
            return OpenSmallWindow(session, data, probes, m, active, pending is not null, stopped);
        }
        using var belowBuffer = new PooledBuffer<ulong>(n * m + extra);
        Span<ulong> below = belowBuffer.Span;
        using (session.Stats.Phase("comparisons"))
        {
            Comparison.LessThanZeroInChunks<ulong>(session, probes, below, WindowChunk, width);
            Selection.Not(session, below, below);   // in the window; and 1 − [small] for the shift tests
        }
        ReadOnlySpan<ulong> weights = below[..(n * m)];
        PreparedProducts? deactivate = pending is null ? null : new PreparedProducts(session, active, below[(n * m)..]);
        ulong[] sums;
        using (session.Stats.Phase("update"))
        {
            sums = data.WeightedSums(session, weights, m, products: deactivate, bits: test.SumBits);
        }
        bool? allStopped = stopped is null ? null : Flag(stopped);
        return new Window(sums, SharedData.ColumnSums(weights, n, m), deactivate?.Products ?? active, allStopped);
    }

    /// <summary>
    /// <see cref="OpenWindow"/>'s comparison and sums on small data (n·m·d ≤ <see cref="BitRowsProduct.MaxProducts"/>): the
    /// comparison stops at its bits, and ONE round turns the window bits into weights with their sums Wᵀ·X
    /// (<see cref="BitRowsProduct"/>) and multiplies the active bits by the "shift not small" bits (bit × value products):
    /// 5 rounds instead of 6.
    /// </summary>
    private static Window OpenSmallWindow(PartySession session, SharedData data, ReadOnlySpan<ulong> probes, int m, ulong[] active, bool deactivate,
        OutputOpening? stopped)
    {
        int n = data.Rows, cells = n * m;
        ulong[] bits;
        using (session.Stats.Phase("comparisons"))
        {
            bits = Comparison.AtLeastZeroBits(session, probes);   // in the window; and "shift not small" for the shift tests
        }
        ulong[] window = new ulong[PackedBits.Words(cells)], weights = new ulong[cells], sums = new ulong[m * data.Columns];
        PackedBits.Extract(bits, 0, cells, window);
        ulong[] after = active;
        using (session.Stats.Phase("update"))
        {
            if (deactivate)
            {
                ulong[] notSmall = new ulong[PackedBits.Words(m)];
                PackedBits.Extract(bits, cells, m, notSmall);
                after = new ulong[m];
                CombinedRound.BitRowsAndBitProducts(session, window, m, data.X, weights, sums, notSmall, active, after);
            }
            else
            {
                BitRowsProduct.BitsToArithmetic(session, window, m, data.X, weights, sums);
            }
        }
        bool? allStopped = stopped is null ? null : Flag(stopped);
        return new Window(sums, SharedData.ColumnSums(weights, n, m), after, allStopped);
    }

    /// <summary>
    /// The rest of an iteration (6 rounds with the table-lookup division): the window means one B2A short (the "no seed
    /// active" test riding in the division), then ONE round for the moves and intensities of the active seeds and the
    /// squared shifts, with the division's borrows b folded in. With u = q̂ − position the target is q̂ − b, the shift u − b:
    /// active·shift = active·u − active·b and shift² = u² − 2·u·b + b (b² = b): Beaver products and bit × value products.
    /// </summary>
    private static (ulong[] Position, ulong[] Intensity, Pending Pending) FinishStep(PartySession session, Window window,
        ulong[] position, ulong[] intensity, ulong[] active, ulong stop2, int rows)
    {
        int m = active.Length, d = position.Length / m, md = m * d;
        ulong[] counts = window.Counts, empty = new ulong[m];
        // [Σ active − 1 < 0] = [no seed active] (0 ≤ Σ active ≤ m).
        ulong[] activeProbe = [active.Aggregate(0UL, (a, b) => a + b) - (session.IsParty0 ? 1UL : 0UL)];
        PendingQuotients target;
        using (session.Stats.Phase("division"))
        {
            // An empty window keeps the seed where it is (the division's fallback; its shift is then 0, so it stops).
            target = Division.DivideToBorrows(session, window.Sums, d, counts, empty, position, activeProbe, rows);
        }
        using var phase = session.Stats.Phase("convergence");
        ulong[] u = new ulong[md], countStep = new ulong[m], spread = Spread(active, d);
        Arithmetic.Ring.Subtract<ulong>(target.Base.AsSpan(0, md), position, u);
        Arithmetic.Ring.Subtract<ulong>(counts, intensity, countStep);
        ulong one = session.IsParty0 ? 1UL : 0UL;
        // Bit products: b·active, b·u, b·1 for each dividend, and b·1 for the "none active" test.
        ulong[] bits = new ulong[PackedBits.Words(3 * md + 1)], values = [.. spread, .. u, .. Enumerable.Repeat(one, md + 1)];
        for (int block = 0; block < 3; block++)
        {
            PackedBits.Deposit(target.BorrowBits, md, bits, block * md);
        }
        ulong[] last = new ulong[1];
        PackedBits.Extract(target.BorrowBits, md, 1, last);
        PackedBits.Deposit(last, 1, bits, 3 * md);
        var products = new PreparedProducts(session, [.. spread, .. u, .. active], [.. u, .. u, .. countStep]);
        ulong[] withBorrow = new ulong[values.Length];
        CombinedRound.BitProductsAndProducts(session, bits, values, withBorrow, products);
        ulong[] product = products.Products!, moved = new ulong[md], shift2 = new ulong[md], kept = new ulong[m];
        for (int i = 0; i < md; i++)
        {
            moved[i] = position[i] + product[i] - withBorrow[i];
            shift2[i] = product[md + i] - 2 * withBorrow[md + i] + withBorrow[2 * md + i];
        }
        Arithmetic.Ring.Add<ulong>(intensity, product.AsSpan(2 * md, m), kept);
        ulong[] probe = SharedData.RowSums(shift2, m, d);
        for (int s = 0; s < m; s++)
        {
            probe[s] -= stop2;                     // < 0 ⇔ shift < 1e-3·R
        }
        ulong[] noneActive = [target.Base[md] + withBorrow[3 * md]];
        return (moved, kept, new Pending(probe, noneActive));
    }

    /// <summary>
    /// After the last allowed step: opens the pending "all stopped" bit (when it says so, the last step moved nothing and
    /// is dropped), else finishes the last shift tests and tests the active bits after them (11 rounds, once).
    /// </summary>
    private static bool Finish(PartySession session, Pending pending, ulong[] active, List<bool> bits, Action<int, bool>? onIteration,
        List<double> times, ref int iteration)
    {
        using var phase = session.Stats.Phase("convergence");
        if (iteration > 1)
        {
            bool stoppedBefore = Sharing.OpenFlags(session, pending.NoneActive, "converged")[0];
            Record(bits, onIteration, iteration - 1, stoppedBefore, times, stoppedBefore);
            if (stoppedBefore)
            {
                iteration--;
                return true;
            }
        }
        int m = active.Length;
        ulong[] notSmall = new ulong[m], after = new ulong[m], none = new ulong[1];
        Comparison.LessThanZero<ulong>(session, pending.ShiftProbe, notSmall);
        Selection.Not(session, notSmall, notSmall);
        Multiplication.Multiply<ulong>(session, active, notSmall, after);
        Equality.IsZeroNonNegative(session, [after.Aggregate(0UL, (a, b) => a + b)], none);
        bool converged = Sharing.OpenFlags(session, none, "converged")[0];
        Record(bits, onIteration, iteration, converged, times, dropLast: false);
        return converged;
    }

    private static bool Flag(OutputOpening opening) => Flag(opening.Opened![0]);

    private static bool Flag(ulong opened) => opened switch
    {
        0 => false,
        1 => true,
        _ => throw new InvalidOperationException("The opened converged bit is not a bit: the parties' shares are out of step."),
    };

    private static ulong[] Spread(ulong[] perSeed, int d) => Enumerable.Range(0, perSeed.Length * d).Select(i => perSeed[i / d]).ToArray();
}
