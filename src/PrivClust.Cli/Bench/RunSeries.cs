using System.Globalization;
using PrivClust.Core.Benchmarks;

namespace PrivClust.Cli.Bench;

/// <summary>
/// <c>privclust bench --runs N</c>: N whole measurements of one workload, each with fresh daemons and its own link probes
/// (as N separate invocations), so that a target can be judged on the spread of runs rather than on one: on a shared
/// machine consecutive runs of one build differ by ±8 % in time and the probe's throughput by more (docs/benchmarks.md).
/// The table and the JSON show the run whose time is the median (<see cref="Representative"/>); the summary and the
/// JSON's <c>runs</c> every run's time, floor and ratio.
/// </summary>
public sealed class RunSeries
{
    public RunSeries(IReadOnlyList<BenchmarkReport> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        Runs = runs;
    }

    public IReadOnlyList<BenchmarkReport> Runs { get; }

    /// <summary>The run with the median time per iteration (the lower middle one of an even count).</summary>
    public BenchmarkReport Representative => Runs.OrderBy(r => r.IterationMs.Median).ElementAt((Runs.Count - 1) / 2);

    /// <summary>A run's time per iteration over its floor (NaN without a floor).</summary>
    public static double Ratio(BenchmarkReport run) => run.FloorMs > 0 ? run.IterationMs.Median / run.FloorMs : double.NaN;

    /// <summary>One line: the runs' median time and floor ratio with their ranges, and how many runs are within 2× of their floor.</summary>
    public string Summary()
    {
        double[] times = [.. Runs.Select(r => r.IterationMs.Median)];
        double[] ratios = [.. Runs.Select(Ratio)];
        return string.Create(CultureInfo.InvariantCulture,
            $"runs {Runs[0].Workload}: {Runs.Count} runs; ms per iteration (each run's median): median {Median(times):F2} ({times.Min():F2}–{times.Max():F2}); "
            + $"floor ratio: median {Median(ratios):F3} ({ratios.Min():F3}–{ratios.Max():F3}); within 2× of the floor: {ratios.Count(r => r <= 2)} of {Runs.Count}");
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
