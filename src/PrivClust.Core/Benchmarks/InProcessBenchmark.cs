using System.Diagnostics;
using PrivClust.Core.Channels;
using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Plaintext;
using PrivClust.Core.Harness;

namespace PrivClust.Core.Benchmarks;

/// <summary>
/// Runs a workload with both parties and the dealer in this process (in-memory channel) and measures it:
/// per-iteration times, rounds and bytes (from the parties' progress reports), the phase breakdown, the
/// plaintext twin's time per iteration on the same data, and the floor (bytes ÷ channel throughput +
/// rounds × round-trip time, both measured on the same channel).
/// </summary>
public static class InProcessBenchmark
{
    public static BenchmarkReport Run(Workload workload)
    {
        var (a, b, shape) = workload.Split();
        var progressA = new List<JobProgress>();
        var progressB = new List<JobProgress>();
        var clock = Stopwatch.StartNew();
        TwoPartyResult<JobResult> run = TwoPartyHarness.Run(1,
            s => SecureClustering.Run(s, workload.Spec, a, shape, new ListProgress(progressA)),
            s => SecureClustering.Run(s, workload.Spec, b, shape, new ListProgress(progressB)),
            new Arithmetic.FixedPoint(workload.Spec.FractionalBits));
        double totalMs = clock.Elapsed.TotalMilliseconds;
        JobResult result = run.Party0;
        int iterations = Math.Max(1, progressA.Count - 1);
        double rounds = PerIteration(progressA, p => p.Rounds);
        var bytes = new PartyBytes(PerIteration(progressA, p => p.BytesSent), PerIteration(progressB, p => p.BytesSent), PerIteration(progressB, p => p.DealerBytes));
        (double throughput, double roundTrip) = MeasureChannel();
        double peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
        return new BenchmarkReport
        {
            Workload = workload.Name, Mode = "in-process", N = workload.Rows, D = workload.Columns, K = result.K,
            Iterations = result.Iterations, IterationMs = TimingSummary.Of(result.IterationMilliseconds), TotalMs = totalMs,
            RoundsPerIteration = rounds, BytesPerIteration = bytes, PeakRssMb = new PartyMegabytes(peak, peak, peak),
            PlaintextIterationMs = PlaintextIterationMs(workload),
            FloorMs = (bytes.A + bytes.B) / 2 / throughput * 1000 + rounds * roundTrip * 1000,
            Phases = run.Stats0.Snapshot().Select(p => new PhaseReport(p.Key, p.Value.Elapsed.TotalMilliseconds, p.Value.Rounds, p.Value.BytesSent))
                .OrderByDescending(p => p.Ms).ToArray(),
        };
    }

    /// <summary>Average per iteration over the steady state (from the first iteration's report to the last).</summary>
    private static double PerIteration(List<JobProgress> reports, Func<JobProgress, long> value) =>
        reports.Count < 2 ? (reports.Count == 1 ? value(reports[0]) : 0) : (double)(value(reports[^1]) - value(reports[0])) / (reports.Count - 1);

    private static double PlaintextIterationMs(Workload workload)
    {
        JobSpec spec = workload.Spec;
        int n = workload.Rows, d = workload.Columns;
        var clock = Stopwatch.StartNew();
        int iterations;
        if (spec.Algorithm == Algorithm.MeanShift)
        {
            int[] rows = PlainKMeansInit.DrawDistinctRows(n, spec.Dust, () => Protocols.PartySession.CoinsForPublicSeed(spec.Seed).NextUInt64() / (double)ulong.MaxValue);
            double[] seeds = PlainKMeansInit.RandomRows(workload.Data, n, d, rows);
            iterations = Math.Max(1, PlainMeanShift.Fit(workload.Data, n, d, seeds, rows.Length, spec.Bandwidth, spec.MaxIter).Iterations);
        }
        else
        {
            double[] init = workload.Data[..(spec.K * d)];
            iterations = PlainKMeans.Fit(workload.Data, n, d, init, spec.K, spec.MaxIter).Iterations;
        }
        return clock.Elapsed.TotalMilliseconds / iterations;
    }

    /// <summary>Throughput (bytes/s, 8 MB messages) and round-trip time (s, 8-byte messages) of the in-memory channel.</summary>
    private static (double Throughput, double RoundTrip) MeasureChannel()
    {
        (InMemoryChannel x, InMemoryChannel y) = InMemoryChannel.CreatePair();
        byte[] small = new byte[8], big = new byte[8 << 20];
        Stopwatch clock = Stopwatch.StartNew();
        const int pings = 2000;
        var peer = Task.Run(() => { for (int i = 0; i < pings + 4; i++) { y.Exchange(i < pings ? small : big, i < pings ? new byte[8] : new byte[8 << 20]); } });
        for (int i = 0; i < pings; i++)
        {
            x.Exchange(small, new byte[8]);
        }
        double roundTrip = clock.Elapsed.TotalSeconds / pings;
        clock.Restart();
        for (int i = 0; i < 4; i++)
        {
            x.Exchange(big, new byte[8 << 20]);
        }
        double throughput = 4.0 * big.Length / clock.Elapsed.TotalSeconds;
        peer.Wait();
        return (throughput, roundTrip);
    }

    private sealed class ListProgress(List<JobProgress> list) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => list.Add(value);
    }
}
