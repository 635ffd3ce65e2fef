using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PrivClust.Benchmarks;

/// <summary>
/// Short job for a 2-core box: 2 warm-up and 5 measured iterations, one launch, in-process (no separate build
/// per class), with the allocation diagnoser and the protocol's traffic columns.
/// </summary>
public sealed class ShortConfig : ManualConfig
{
    public ShortConfig()
    {
        AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(5).WithLaunchCount(1)
            .WithToolchain(InProcessEmitToolchain.Instance).WithId("short-inproc"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
        AddColumn(new TrafficColumn("Rounds", m => m.Rounds.ToString()),
            new TrafficColumn("B/elem P0", m => m.BytesPerElement0.ToString("0.###")),
            new TrafficColumn("B/elem P1", m => m.BytesPerElement1.ToString("0.###")),
            new TrafficColumn("Dealer B/elem", m => m.DealerBytesPerElement.ToString("0.###")));
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}

/// <summary>A column that shows the protocol's measured rounds and bytes (one extra run per case, in the host).</summary>
public sealed class TrafficColumn(string name, Func<RunMetrics, string> format) : IColumn
{
    public string Id => "traffic-" + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => name + " of one run, from TwoPartyResult (per element of n).";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        string workload = benchmarkCase.Descriptor.WorkloadMethod.Name;
        int n = (int)benchmarkCase.Parameters["N"];
        RunMetrics? m = Metrics.For(workload, n);
        return m is null ? "-" : format(m);
    }
}

[Config(typeof(ShortConfig))]
public class MultiplyBenchmark
{
    private Workloads.Shared _in = null!;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _in = Workloads.MultiplyInputs(N);

    [Benchmark]
    public long Multiply() => Workloads.Multiply(_in).Rounds;
}

[Config(typeof(ShortConfig))]
public class ComparisonBenchmark
{
    private Workloads.Shared _in = null!;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _in = Workloads.ComparisonInputs(N);

    [Benchmark]
    public long LessThanZero() => Workloads.Compare(_in).Rounds;
}

[Config(typeof(ShortConfig))]
public class TruncationBenchmark
{
    private Workloads.Shared _in = null!;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _in = Workloads.TruncationInputs(N);

    [Benchmark]
    public long Truncate() => Workloads.Truncate(_in).Rounds;
}

/// <summary>DivideByCount with k = 10 secret counts and n/10 dividends each (n = number of dividends).</summary>
[Config(typeof(ShortConfig))]
public class DivisionBenchmark
{
    private Workloads.Shared _in = null!;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _in = Workloads.DivisionInputs(N);

    [Benchmark]
    public long DivideByCount() => Workloads.Divide(_in).Rounds;
}

/// <summary>
/// X (n×8) · C (8×10) with X's mask reused: the FixedMatrix is made once in GlobalSetup on a long-lived pair of
/// party threads; each invocation is one product after the first (both parties, dealer's matrix triple included).
/// </summary>
[Config(typeof(ShortConfig))]
public class MatrixProductBenchmark
{
    private Workloads.MatrixWorkload _w = null!;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _w = new Workloads.MatrixWorkload(N);
        _w.Call(); // the first product after the mask
    }

    [GlobalCleanup]
    public void Cleanup() => _w.Dispose();

    [Benchmark]
    public int MatrixProductReusedMask() => _w.Call();
}

/// <summary>The harness's own cost (threads, seed derivation, sessions) with an empty protocol.</summary>
[Config(typeof(ShortConfig))]
public class HarnessOverheadBenchmark
{
    [Params(0)]
    public int N { get; set; }

    [Benchmark]
    public long EmptyHarnessRun() => Workloads.Empty().Rounds;
}
