using System.Diagnostics;
using PrivClust.Core.Arithmetic;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>One party's running job: preparing its input and turning secure outcomes into its <see cref="JobResult"/>.</summary>
internal sealed class JobContext(PartySession session, JobSpec spec, JobShape shape, PartyDataset own, IProgress<JobProgress>? progress, long start)
{
    public PartySession Session => session;
    public JobSpec Spec => spec;

    public void OnIteration(int iteration, bool converged) =>
        progress?.Report(new JobProgress(spec.Algorithm.ToString(), iteration, converged, session.Stats.Total.Rounds,
            session.Stats.Total.BytesSent, Stopwatch.GetElapsedTime(start))
        {
            BytesReceived = session.Stats.Total.BytesReceived, DealerBytes = session.Correlations.CorrectionBytesReceived,
        });

    /// <param name="knownStatistics">The joint scaling statistics from a checkpoint: then nothing is interactive (the ids were checked before).</param>
    public PreparedInput Prepare((double Offset, double Scale)[]? knownStatistics = null)
    {
        int n = own.Rows, ownColumns = own.Columns, d = shape.TotalColumns(spec.Partition);
        int[] order = Enumerable.Range(0, n).ToArray();
        if (spec.Partition == Partition.Vertical)
        {
            order = IdAlignment.SortOrder(own.Ids!);
        }
        if (spec.Partition == Partition.Vertical && knownStatistics is null)
        {
            using var phase = session.Stats.Phase("input");
            IdAlignment.CheckSameIds(session, own.Ids!, order);
        }
        double[] rows = new double[n * ownColumns];
        for (int r = 0; r < n; r++)
        {
            own.Values.AsSpan(order[r] * ownColumns, ownColumns).CopyTo(rows.AsSpan(r * ownColumns));
        }
        var ordered = own with { Values = rows, Ids = null };
        (double Offset, double Scale)[]? statistics = knownStatistics;
        if (statistics is null)
        {
            using var phase = session.Stats.Phase("scaling");
            statistics = JointScaling.Compute(session, spec, shape, ordered);
        }
        int firstColumn = spec.Partition == Partition.Vertical && !session.IsParty0 ? shape.ColumnsA : 0;
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < ownColumns; j++)
            {
                var (offset, scale) = statistics[firstColumn + j];
                rows[r * ownColumns + j] = (rows[r * ownColumns + j] - offset) / scale;
            }
        }
        string[] names = spec.Columns.Skip(firstColumn).Take(ownColumns).ToArray();
        RangeGuard.Check(rows, n, ownColumns, names, spec, d, $"party {(session.IsParty0 ? 'a' : 'b')} data");
        var fp = new FixedPoint(spec.FractionalBits);
        double limit = RangeGuard.Limit(spec.FractionalBits, d);
        ulong[] encoded = rows.Select(v => fp.Encode(v, limit)).ToArray();
        return new PreparedInput(encoded, rows, n, ownColumns, d, order, statistics, fp, limit);
    }

    public JobResult Finish(PreparedInput input, SharedData data, LloydOutcome outcome, int k, IReadOnlyList<(int K, double Loss)>? losses)
    {
        ulong[] opened = new ulong[outcome.Centroids.Length];
        Sharing.Open<ulong>(session, outcome.Centroids, opened, OpeningKind.Output, "centroids");
        double[] scaled = opened.Select(v => input.FixedPoint.Decode(v)).ToArray();
        int[] labels = Labels(input, data, scaled, k);
        long[]? sizes = spec.Reveal.HasFlag(RevealPolicy.Sizes) ? Sizes(labels, k) : null;
        double? inertia = null;
        if (spec.Reveal.HasFlag(RevealPolicy.Inertia))
        {
            ulong[] value = new ulong[1];
            Sharing.Open<ulong>(session, [SecureKMeansJob.Inertia(session, data, outcome.Centroids, k)], value, OpeningKind.Output, "inertia");
            inertia = input.FixedPoint.Decode(value[0]);
        }
        return Result(input, input.Unscale(scaled, k), k, labels, outcome.Iterations, outcome.Converged, outcome.ConvergedBits,
            outcome.IterationMilliseconds) with { Sizes = sizes, Inertia = inertia, ElbowLosses = losses };
    }

    public JobResult FinishMeanShift(PreparedInput input, SharedData data, MeanShiftOutcome outcome)
    {
        int[] labels = Labels(input, data, outcome.Centroids, outcome.Count);
        return Result(input, input.Unscale(outcome.Centroids, outcome.Count), outcome.Count, labels, outcome.Iterations,
            outcome.Converged, outcome.ConvergedBits, outcome.IterationMilliseconds);
    }

    private JobResult Result(PreparedInput input, double[][] centroids, int k, int[] labels, int iterations, bool converged,
        IReadOnlyList<bool> bits, IReadOnlyList<double> times)
    {
        PartyStatsSnapshot traffic = PartyStatsSnapshot.Of(session);
        return new JobResult
        {
            Algorithm = spec.Algorithm, Partition = spec.Partition, Columns = spec.Columns, K = k,
            Iterations = iterations, Converged = converged, Centroids = centroids, OwnLabels = labels, ConvergedBits = bits,
            ScalingStatistics = spec.Scale == Scaling.None ? null : input.Statistics,
            Rounds = traffic.Rounds, BytesSent = traffic.BytesSent, BytesReceived = traffic.BytesReceived, DealerBytes = traffic.DealerBytes,
            WallMilliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds, IterationMilliseconds = times,
        };
    }

    /// <summary>
    /// Horizontal: each party labels its own rows locally from the public centroids (nearest, ties to the lower
    /// index, ||c||² − 2x·c as scikit-learn). Vertical: no party has whole rows, so the final assignment is
    /// computed securely and opened (the labels of the joint rows are then an output of both parties).
    /// </summary>
    private int[] Labels(PreparedInput input, SharedData data, double[] centroids, int k)
    {
        int[] sortedLabels;
        if (spec.Partition == Partition.Horizontal)
        {
            return NearestLocal(input.Scaled, input.Rows, input.Columns, centroids, k);
        }
        ulong[] encoded = centroids.Select(v => input.FixedPoint.Encode(v)).ToArray();
        ulong[] shares = new ulong[encoded.Length];
        Sharing.Public(session, encoded, shares);
        ulong[] oneHot = SecureLloyd.Assign(session, data, shares, k);
        ulong[] index = new ulong[data.Rows];
        for (int i = 0; i < data.Rows; i++)
        {
            for (int c = 0; c < k; c++)
            {
                index[i] += (ulong)c * oneHot[i * k + c];
            }
        }
        ulong[] opened = new ulong[index.Length];
        Sharing.Open<ulong>(session, index, opened, OpeningKind.Output, "labels");
        sortedLabels = opened.Select(v => (int)v).ToArray();
        int[] labels = new int[sortedLabels.Length];
        for (int r = 0; r < sortedLabels.Length; r++)
        {
            labels[input.RowOrder[r]] = sortedLabels[r];
        }
        return labels;
    }

    internal static int[] NearestLocal(double[] rows, int n, int d, double[] centroids, int k)
    {
        double[] norms = Enumerable.Range(0, k).Select(c => Enumerable.Range(0, d).Sum(j => centroids[c * d + j] * centroids[c * d + j])).ToArray();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            double best = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double dot = 0;
                for (int j = 0; j < d; j++)
                {
                    dot += rows[i * d + j] * centroids[c * d + j];
                }
                double distance = norms[c] - 2 * dot;
                if (distance < best)
                {
                    best = distance;
                    labels[i] = c;
                }
            }
        }
        return labels;
    }

    /// <summary>Joint cluster sizes: each party's own label counts, summed securely and opened.</summary>
    private long[] Sizes(int[] labels, int k)
    {
        ulong[] mine = new ulong[k];
        foreach (int l in labels)
        {
            mine[l]++;
        }
        if (spec.Partition == Partition.Vertical)
        {
            return mine.Select(v => (long)v).ToArray();
        }
        ulong[] a = new ulong[k], b = new ulong[k], total = new ulong[k], opened = new ulong[k];
        Sharing.Input(session, 0, session.IsParty0 ? mine : [], a);
        Sharing.Input(session, 1, session.IsParty0 ? [] : mine, b);
        Ring.Add<ulong>(a, b, total);
        Sharing.Open<ulong>(session, total, opened, OpeningKind.Output, "sizes");
        return opened.Select(v => (long)v).ToArray();
    }
}
