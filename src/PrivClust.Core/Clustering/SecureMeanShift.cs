using System.Diagnostics;
using PrivClust.Core.Clustering.Plaintext;
using PrivClust.Core.Correlations;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// Mean-shift with a flat kernel on shares (scikit-learn's semantics, DESIGN §5). Every seed moves each
/// iteration to the mean of its window (squared distance ≤ R²) while it is active; it stops — secretly — when
/// its shift is below 1e-3·R or its window is empty. Only "all seeds stopped" is opened, once per iteration.
/// The converged seeds are then merged obliviously (<see cref="SecureMeanShiftMerge"/>).
/// </summary>
internal static class SecureMeanShift
{
    public static MeanShiftOutcome Run(PartySession session, SharedData data, JobSpec spec, PreparedInput input,
        Action<int, bool>? onIteration, CancellationToken cancellation)
    {
        int d = data.Columns;
        ulong[] position = Seeds(session, data, spec, input);
        int m = position.Length / d;
        double bandwidth = spec.Bandwidth;
        ulong r2 = SquaredAtDoubleScale(session, bandwidth);
        ulong stop2 = SquaredAtDoubleScale(session, PlainMeanShift.StopFactor * bandwidth);
        ulong one = session.IsParty0 ? 1UL : 0UL;
        ulong[] active = Enumerable.Repeat(one, m).ToArray();
        ulong[] intensity = new ulong[m];
        var bits = new List<bool>();
        var times = new List<double>();
        int iteration = 0;
        bool converged = false;
        List<CorrelationRequest>? plan = null;
        while (!converged && iteration <= spec.MaxIter)
        {
            cancellation.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            iteration++;
            // Every iteration from the second on asks the dealer for exactly what the previous one asked (the first
            // also squares the rows once): announce it, so that a remote dealer generates ahead.
            if (plan is not null)
            {
                session.Correlations.Prefetch(plan);
            }
            List<CorrelationRequest>? recording = iteration >= 2 ? [] : null;
            session.Correlations.Recording = recording;
            (position, intensity, active) = Step(session, data, position, intensity, active, r2, stop2);
            converged = AllStopped(session, active);
            session.Correlations.Recording = null;
            plan = recording ?? plan;
            bits.Add(converged);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            onIteration?.Invoke(iteration, converged);
        }
        double[] centres;
        using (session.Stats.Phase("merge"))
        {
            centres = SecureMeanShiftMerge.Merge(session, position, intensity, m, d, r2);
        }
        return new MeanShiftOutcome(centres, centres.Length / d, iteration, converged, bits, times);
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

    private static (ulong[] Position, ulong[] Intensity, ulong[] Active) Step(PartySession session, SharedData data,
        ulong[] position, ulong[] intensity, ulong[] active, ulong r2, ulong stop2)
    {
        int n = data.Rows, d = data.Columns, m = active.Length;
        ulong[] inWindow = new ulong[n * m];
        using (session.Stats.Phase("comparisons"))
        {
            ulong[] distances = data.Distances(session, position, m);
            for (int i = 0; i < distances.Length; i++)
            {
                distances[i] = r2 - distances[i];   // < 0 ⇔ outside the window
            }
            Comparison.LessThanZero<ulong>(session, distances, inWindow);
            Selection.Not(session, inWindow, inWindow);
        }
        ulong[] sums;
        using (session.Stats.Phase("update"))
        {
            sums = data.WeightedSums(session, inWindow, m);
        }
        ulong[] counts = SharedData.ColumnSums(inWindow, n, m);
        // An empty window keeps the seed where it is (the division's fallback; its shift is then 0, so it stops).
        ulong[] target = new ulong[m * d], empty = new ulong[m];
        using (session.Stats.Phase("division"))
        {
            Division.DivideByCount(session, sums, d, counts, target, empty, position);
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
