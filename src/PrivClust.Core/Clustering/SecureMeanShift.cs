using System.Diagnostics;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Clustering.Plaintext;
using PrivClust.Core.Correlations;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// Mean-shift with a flat kernel on shares (scikit-learn's semantics, DESIGN §5). Every seed moves each
/// iteration to the mean of its window (squared distance ≤ R²) while it is active; it stops — secretly — when
/// its shift is below 1e-3·R or its window is empty. Only "all seeds stopped" is opened, once per iteration —
/// deferred into the next iteration: its zero test rides in the next window comparison and its opening in the
/// next sums round, so it costs no round of its own; when it says "stopped", the next iteration's first part is
/// dropped (nothing of it is opened but masked values). The converged seeds are then merged obliviously
/// (<see cref="SecureMeanShiftMerge"/>).
/// </summary>
internal static class SecureMeanShift
{
    /// <param name="from">The loop state of a checkpoint to resume from (then no seeds are drawn); null to start.</param>
    /// <param name="onBoundary">
    /// Called with the loop state at every iteration boundary (checkpoints): right after each iteration's windows are
    /// summed and the previous iteration's bit opened, before anything of the next stretch is announced to the dealer.
    /// </param>
    public static MeanShiftOutcome Run(PartySession session, SharedData data, JobSpec spec, PreparedInput input,
        Action<int, bool>? onIteration, CancellationToken cancellation, MeanShiftState? from = null, Action<MeanShiftState>? onBoundary = null)
    {
        int d = data.Columns;
        ulong[] position = from?.Positions ?? Seeds(session, data, spec, input);
        int m = position.Length / d;
        ulong r2 = SquaredAtDoubleScale(session, spec.Bandwidth);
        ulong stop2 = SquaredAtDoubleScale(session, PlainMeanShift.StopFactor * spec.Bandwidth);
        ulong[] active = from?.Active ?? Enumerable.Repeat(session.IsParty0 ? 1UL : 0UL, m).ToArray();
        ulong[] intensity = from?.Intensities ?? new ulong[m];
        var bits = new List<bool>(from?.ConvergedBits ?? []);
        var times = new List<double>(from?.IterationMilliseconds ?? []);
        int iteration = from?.Iteration ?? 0;
        bool converged = false;
        bool pending = false;   // the last iteration's "all stopped" is not opened yet
        Window? resumed = from is null ? null : new Window(from.WindowSums, from.WindowCounts, null);
        var stretches = new PrefetchStretches(session);
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (iteration > spec.MaxIter)
            {
                // No next iteration to ride in: open the last bit alone.
                converged = AllStopped(session, active);
                Record(bits, onIteration, iteration, converged);
                break;
            }
            long start = Stopwatch.GetTimestamp() - (long)((from?.CurrentMilliseconds ?? 0) * Stopwatch.Frequency / 1000);
            Window window = resumed ?? OpenWindow(session, data, position, pending ? active : null, r2);
            if (pending)
            {
                converged = window.AllStopped!.Value;
                Record(bits, onIteration, iteration, converged);
                if (converged)
                {
                    break;
                }
            }
            stretches.End();
            if (resumed is null)
            {
                onBoundary?.Invoke(new MeanShiftState(iteration, position, intensity, active, window.Sums, window.Counts, [.. bits], [.. times],
                    Stopwatch.GetElapsedTime(start).TotalMilliseconds));
            }
            (resumed, from) = (null, null);
            stretches.Begin(iteration + 1 <= spec.MaxIter);
            iteration++;
            (position, intensity, active) = FinishStep(session, window, position, intensity, active, stop2, data.Rows);
            pending = true;
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        stretches.End();
        double[] centres;
        using (session.Stats.Phase("merge"))
        {
            centres = SecureMeanShiftMerge.Merge(session, position, intensity, m, d, r2);
        }
        return new MeanShiftOutcome(centres, centres.Length / d, iteration, converged, bits, times);
    }

    /// <summary>
    /// The dealer prefetch of mean-shift: a stretch runs from just after one iteration's windows (a boundary) to the same
    /// point of the next, and asks the dealer for what the same stretch of the previous iteration asked. The first full
    /// stretch (from the first iteration on, or the first after a resume) is recorded; each later one is announced at its
    /// start. So at every boundary nothing announced is unread, and a resumed run needs no plan from before.
    /// </summary>
    private sealed class PrefetchStretches(PartySession session)
    {
        private List<CorrelationRequest>? _plan, _recording;

        /// <summary>Ends the stretch in progress (its requests are all read): its recording becomes the plan.</summary>
        public void End()
        {
            session.Correlations.Recording = null;
            _plan = _recording ?? _plan;
            _recording = null;
        }

        /// <summary>
        /// Starts a stretch: announces the plan when the stretch will certainly run to its end (not before the last
        /// allowed iteration: it would end in a next window that never comes), or records it.
        /// </summary>
        public void Begin(bool nextRuns)
        {
            if (_plan is not null && nextRuns)
            {
                session.Correlations.Prefetch(_plan);
            }
            _recording = _plan is null && nextRuns ? [] : null;
            session.Correlations.Recording = _recording;
        }
    }

    private static void Record(List<bool> bits, Action<int, bool>? onIteration, int iteration, bool converged)
    {
        bits.Add(converged);
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

    /// <summary>One iteration's windows and sums, and the opened "all stopped" of the previous one when given.</summary>
    private sealed record Window(ulong[] Sums, ulong[] Counts, bool? AllStopped);

    /// <summary>
    /// The windows (squared distance ≤ R²) of the m seeds and their sums: distances (1 round), one comparison batch
    /// that also tests the previous iteration's active count for zero, and the sums round that opens that test.
    /// </summary>
    private static Window OpenWindow(PartySession session, SharedData data, ulong[] position, ulong[]? previousActive, ulong r2)
    {
        int n = data.Rows, m = position.Length / data.Columns;
        int extra = previousActive is null ? 0 : 1;
        ulong[] inWindow = new ulong[n * m + extra];
        using (session.Stats.Phase("comparisons"))
        {
            ulong[] probes = data.Distances(session, position, m, new ulong[n * m + extra]);
            for (int i = 0; i < n * m; i++)
            {
                probes[i] = r2 - probes[i];   // < 0 ⇔ outside the window
            }
            if (previousActive is not null)
            {
                // [count − 1 < 0] = [count = 0] for the number of seeds still active (0 ≤ count ≤ m).
                ulong stillActive = previousActive.Aggregate(0UL, (a, b) => a + b);
                probes[n * m] = stillActive - (session.IsParty0 ? 1UL : 0UL);
            }
            Comparison.LessThanZero<ulong>(session, probes, inWindow);
            Selection.Not(session, inWindow.AsSpan(0, n * m), inWindow.AsSpan(0, n * m));
        }
        OutputOpening? rider = previousActive is null ? null : new OutputOpening([inWindow[n * m]], "converged");
        ReadOnlySpan<ulong> weights = inWindow.AsSpan(0, n * m);
        ulong[] sums;
        using (session.Stats.Phase("update"))
        {
            sums = data.WeightedSums(session, weights, m, rider);
        }
        return new Window(sums, SharedData.ColumnSums(weights, n, m), rider is null ? null : rider.Opened![0] != 0);
    }

    /// <summary>The rest of an iteration: the window means (division), the shift test and the moves of the active seeds.</summary>
    private static (ulong[] Position, ulong[] Intensity, ulong[] Active) FinishStep(PartySession session, Window window,
        ulong[] position, ulong[] intensity, ulong[] active, ulong stop2, int rows)
    {
        int m = active.Length, d = position.Length / m;
        ulong[] counts = window.Counts;
        // An empty window keeps the seed where it is (the division's fallback; its shift is then 0, so it stops).
        ulong[] target = new ulong[m * d], empty = new ulong[m];
        using (session.Stats.Phase("division"))
        {
            Division.DivideByCount(session, window.Sums, d, counts, target, empty, position, maxCount: rows);
        }
        using var phase = session.Stats.Phase("convergence");
        ulong[] shift = new ulong[m * d];
        Arithmetic.Ring.Subtract<ulong>(target, position, shift);
        Multiplication.Square(session, shift, shift);
        ulong[] shift2 = SharedData.RowSums(shift, m, d);
        ulong[] small = new ulong[m];
        for (int s = 0; s < m; s++)
        {
            shift2[s] -= stop2;                     // < 0 ⇔ shift < 1e-3·R
        }
        Comparison.LessThanZero<ulong>(session, shift2, small);
        // While active: move, record the window size, and deactivate when the shift was small — one batched select.
        ulong[] moving = [.. target, .. counts, .. NotOf(session, small)];
        ulong[] staying = [.. position, .. intensity, .. new ulong[m]];
        ulong[] chosen = new ulong[moving.Length];
        Selection.Select(session, [.. Spread(active, d), .. active, .. active], moving, staying, chosen);
        return (chosen[..(m * d)], chosen[(m * d)..(m * d + m)], chosen[(m * d + m)..]);
    }

    private static bool AllStopped(PartySession session, ulong[] active)
    {
        using var phase = session.Stats.Phase("convergence");
        ulong stillActive = 0;
        foreach (ulong a in active)
        {
            stillActive += a;
        }
        ulong[] none = new ulong[1];
        Equality.IsZeroNonNegative(session, [stillActive], none);
        return Sharing.OpenFlags(session, none, "converged")[0];
    }

    private static ulong[] NotOf(PartySession session, ulong[] bits)
    {
        ulong[] result = new ulong[bits.Length];
        Selection.Not(session, bits, result);
        return result;
    }

    private static ulong[] Spread(ulong[] perSeed, int d) => Enumerable.Range(0, perSeed.Length * d).Select(i => perSeed[i / d]).ToArray();
}
