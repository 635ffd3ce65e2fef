using PrivClust.Core.Benchmarks;

namespace PrivClust.Benchmarks;

/// <summary>
/// <c>clustering [workload ...]</c>: whole secure jobs in process (both parties and the dealer on this machine,
/// in-memory channel), one markdown row per workload, beside the plaintext twin's time per iteration.
/// </summary>
internal static class ClusteringWorkloads
{
    public static void Print(string[] names)
    {
        string mall = FindMall();
        Console.WriteLine("| workload | n | d | k | iterations | ms/iteration (median, min–max) | total ms | rounds/iteration | MB/iteration a, b, dealer | plaintext ms/iteration | floor ms | peak RSS MB |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (string name in names.Length > 0 ? names : Workload.Names.Where(n => n != "blobs-1e6" && n != "meanshift-1e5"))
        {
            BenchmarkReport warm = InProcessBenchmark.Run(Workload.Create(name, mall));
            BenchmarkReport r = name.Contains("1e6") || name.Contains("1e5") ? warm : InProcessBenchmark.Run(Workload.Create(name, mall));
            Console.WriteLine($"| {r.Workload} | {r.N} | {r.D} | {r.K} | {r.Iterations} | {r.IterationMs.Median:F1} ({r.IterationMs.Min:F1}–{r.IterationMs.Max:F1}) | {r.TotalMs:F0} | {r.RoundsPerIteration:F0} | " +
                $"{r.BytesPerIteration.A / 1e6:F2}, {r.BytesPerIteration.B / 1e6:F2}, {r.BytesPerIteration.Dealer / 1e6:F2} | {r.PlaintextIterationMs:F2} | {r.FloorMs:F1} | {r.PeakRssMb.A:F0} |");
            Console.Error.WriteLine($"  {r.Workload} phases: " + string.Join("; ", r.Phases.Select(p => $"{p.Phase} {p.Ms:F0} ms {p.Rounds} rounds {p.BytesSent / 1e6:F1} MB")));
        }
    }

    private static string FindMall()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            string candidate = Path.Combine(dir, "data", "mall_customers.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return Path.Combine("data", "mall_customers.csv");
    }
}
