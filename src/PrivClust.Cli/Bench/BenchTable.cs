using System.Globalization;
using PrivClust.Core.Benchmarks;

namespace PrivClust.Cli.Bench;

/// <summary>The markdown table <c>privclust bench</c> prints: one row per workload, then each workload's phases.</summary>
public static class BenchTable
{
    public static void Print(TextWriter output, IReadOnlyList<BenchmarkReport> reports)
    {
        output.WriteLine("| workload | mode | n | d | k | iterations | ms/iteration median (min–max) | total ms | rounds/iteration | KB/iteration a, b, dealer | peak RSS MB a, b, dealer | plaintext ms/iteration | floor ms |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (BenchmarkReport r in reports)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Workload} | {r.Mode} | {r.N} | {r.D} | {r.K} | {r.Iterations} | {r.IterationMs.Median:F2} ({r.IterationMs.Min:F2}–{r.IterationMs.Max:F2}) | {r.TotalMs:F0} | {r.RoundsPerIteration:F1} | "
                + $"{r.BytesPerIteration.A / 1e3:F1}, {r.BytesPerIteration.B / 1e3:F1}, {r.BytesPerIteration.Dealer / 1e3:F1} | {r.PeakRssMb.A:F0}, {r.PeakRssMb.B:F0}, {r.PeakRssMb.Dealer:F0} | {r.PlaintextIterationMs:F3} | {r.FloorMs:F2} |"));
        }
        foreach (BenchmarkReport r in reports)
        {
            string source = r.Mode == "in-process" ? "" : " (from an in-process run of the same workload)";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\n{r.Workload} phases, whole job, party a{source}: ")
                + string.Join("; ", r.Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Ms:F1} ms, {p.Rounds} rounds, {p.BytesSent / 1e3:F1} KB"))));
        }
    }
}
