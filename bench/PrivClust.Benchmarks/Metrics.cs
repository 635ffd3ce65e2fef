using System.Collections.Concurrent;
using System.Diagnostics;

namespace PrivClust.Benchmarks;

/// <summary>
/// Rounds and bytes of each workload, from one run (TwoPartyResult: Rounds, BytesSent0/1, DealerBytes), per element
/// of n. The matrix product's are per call (one product after the first; n is then the rows of X).
/// </summary>
public static class Metrics
{
    private static readonly ConcurrentDictionary<(string, int), RunMetrics> Cache = new();

    public static readonly int[] Sizes = [1_000, 10_000, 100_000, 1_000_000];

    public static readonly string[] Workloads_ = ["Multiply", "LessThanZero", "Truncate", "DivideByCount", "MatrixProductReusedMask"];

    public static RunMetrics? For(string workload, int n) =>
        workload == "EmptyHarnessRun" ? null : Cache.GetOrAdd((workload, n), key => Measure(key.Item1, key.Item2).Metrics);

    public static (RunMetrics Metrics, double Milliseconds) Measure(string workload, int n)
    {
        var sw = new Stopwatch();
        switch (workload)
        {
            case "Multiply":
            {
                var s = Workloads.MultiplyInputs(n);
                sw.Start();
                var run = Workloads.Multiply(s);
                return (RunMetrics.From(run, n), sw.Elapsed.TotalMilliseconds);
            }
            case "LessThanZero":
            {
                var s = Workloads.ComparisonInputs(n);
                sw.Start();
                var run = Workloads.Compare(s);
                return (RunMetrics.From(run, n), sw.Elapsed.TotalMilliseconds);
            }
            case "Truncate":
            {
                var s = Workloads.TruncationInputs(n);
                sw.Start();
                var run = Workloads.Truncate(s);
                return (RunMetrics.From(run, n), sw.Elapsed.TotalMilliseconds);
            }
            case "DivideByCount":
            {
                var s = Workloads.DivisionInputs(n);
                sw.Start();
                var run = Workloads.Divide(s);
                return (RunMetrics.From(run, n), sw.Elapsed.TotalMilliseconds);
            }
            case "MatrixProductReusedMask":
            {
                using var w = new Workloads.MatrixWorkload(n);
                var p = w.Pair;
                long r0 = p.Session0.Stats.Total.Rounds, b0 = p.Session0.Stats.Total.BytesSent, b1 = p.Session1.Stats.Total.BytesSent;
                long d = p.Dealer.BytesGenerated;
                sw.Start();
                w.Call();
                double ms = sw.Elapsed.TotalMilliseconds;
                return (new RunMetrics(p.Session0.Stats.Total.Rounds - r0, p.Session0.Stats.Total.BytesSent - b0,
                    p.Session1.Stats.Total.BytesSent - b1, p.Dealer.BytesGenerated - d), ms);
            }
            default:
                throw new ArgumentException("Unknown workload " + workload);
        }
    }

    /// <summary>Prints the traffic table (and one cold wall time per case, for orientation only).</summary>
    public static void PrintTable(IEnumerable<string> workloads, IEnumerable<int> sizes)
    {
        Console.WriteLine("| workload | n | rounds | online B/elem P0 | online B/elem P1 | dealer B/elem | one cold run (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (string w in workloads)
        {
            foreach (int n in sizes)
            {
                (RunMetrics m, double ms) = Measure(w, n);
                Console.WriteLine($"| {w} | {n:N0} | {m.Rounds} | {m.BytesPerElement0:0.###} | {m.BytesPerElement1:0.###} | {m.DealerBytesPerElement:0.###} | {ms:0.0} |");
            }
        }
    }
}
