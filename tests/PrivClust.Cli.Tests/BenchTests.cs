using System.Text.Json;
using PrivClust.Cli.Tests.Support;

namespace PrivClust.Cli.Tests;

/// <summary>
/// <c>privclust bench</c> as a process: in process (meanshift-seed, mall-kmeans) and as three processes with mutual
/// TLS (mall-kmeans). The JSON has every field of issue 7 with sane values, and the two modes count the same rounds
/// and bytes per iteration (the protocol is deterministic; only the channel differs).
/// </summary>
public sealed class BenchTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly string _folder = Directory.CreateTempSubdirectory("privclust-bench-test-").FullName;

    [Fact]
    public async Task In_process_meanshift_seed_writes_every_field()
    {
        JsonElement report = await BenchAsync("meanshift-seed", "--in-process");

        AssertSane(report, "meanshift-seed", n: 100);
    }

    [Fact]
    public void The_floor_takes_the_better_of_two_link_measurements()
    {
        var cold = new PrivClust.Cli.Bench.LinkMeasurement(0.30, 100e6);
        var warm = new PrivClust.Cli.Bench.LinkMeasurement(0.20, 150e6);
        var noisy = new PrivClust.Cli.Bench.LinkMeasurement(0.10, 120e6);

        Assert.Equal(warm, PrivClust.Cli.Bench.LinkMeasurement.Best(cold, warm));
        Assert.Equal(new PrivClust.Cli.Bench.LinkMeasurement(0.10, 150e6), PrivClust.Cli.Bench.LinkMeasurement.Best(warm, noisy));
        // 15 MB at 150 MB/s and 40 rounds of half a 0.10 ms round trip.
        Assert.Equal(100 + 2, PrivClust.Cli.Bench.LinkMeasurement.Best(warm, noisy).FloorMs(15e6, 40), 9);
    }

    [Fact]
    public async Task Three_processes_on_mall_kmeans_count_the_rounds_and_bytes_of_the_in_process_run()
    {
        JsonElement network = await BenchAsync("mall-kmeans", "--repeat", "2");
        JsonElement local = await BenchAsync("mall-kmeans", "--in-process");

        AssertSane(network, "mall-kmeans", n: 200);
        AssertSane(local, "mall-kmeans", n: 200);
        Assert.Equal(local.GetProperty("iterations").GetInt32(), network.GetProperty("iterations").GetInt32());
        Assert.Equal(local.GetProperty("rounds_per_iteration").GetDouble(), network.GetProperty("rounds_per_iteration").GetDouble());
        foreach (string party in new[] { "a", "b", "dealer" })
        {
            Assert.Equal(local.GetProperty("bytes_per_iteration").GetProperty(party).GetDouble(),
                network.GetProperty("bytes_per_iteration").GetProperty(party).GetDouble());
        }
    }

    [Fact]
    public async Task Runs_measure_again_with_fresh_daemons_and_summarise_every_run()
    {
        string json = Path.Combine(_folder, "runs.json");
        CliRun run = await CliProcess.RunAsync(Timeout, ["bench", "--workload", "meanshift-seed", "--runs", "2", "--json", json]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("DOTNET_ReadyToRun=0, run 2 of 2", run.Error);
        Assert.Equal(2, run.Error.Split('\n').Count(l => l.Contains("meanshift-seed: link a↔b RTT", StringComparison.Ordinal)));   // each run probes its link
        Assert.Contains("runs meanshift-seed: 2 runs; ms per iteration (each run's median): median ", run.Output);
        Assert.Contains("; within 2× of the floor: ", run.Output);
        using JsonDocument document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        AssertSane(document.RootElement, "meanshift-seed", n: 100);
        JsonElement[] runs = [.. document.RootElement.GetProperty("runs").EnumerateArray()];
        Assert.Equal(2, runs.Length);
        foreach (JsonElement each in runs)
        {
            double time = each.GetProperty("iteration_ms_median").GetDouble(), floor = each.GetProperty("floor_ms").GetDouble();
            Assert.True(time > 0 && floor > 0, each.ToString());
            // The JSON rounds every number to 3 decimals, so the ratio is checked against the rounded time and floor within 1 %.
            Assert.InRange(each.GetProperty("ratio").GetDouble(), 0.99 * time / floor, 1.01 * time / floor);
        }
        Assert.Contains(runs, each => each.GetProperty("iteration_ms_median").GetDouble() == document.RootElement.GetProperty("iteration_ms").GetProperty("median").GetDouble());
    }

    [Fact]
    public void A_series_shows_its_median_run_and_counts_the_runs_within_twice_their_floor()
    {
        static PrivClust.Core.Benchmarks.BenchmarkReport Run(double ms, double floor) => new()
        {
            Workload = "blobs-1e5", Mode = "three-process", N = 100_000, D = 2, K = 5, Iterations = 10,
            IterationMs = new(ms, ms - 10, ms + 10), TotalMs = 10 * ms, RoundsPerIteration = 38.1,
            BytesPerIteration = new(1, 1, 1), PeakRssMb = new(1, 1, 1), PlaintextIterationMs = 3, FloorMs = floor, Phases = [],
        };
        var series = new PrivClust.Cli.Bench.RunSeries([Run(150, 73.4), Run(173.2, 83.1), Run(151.2, 83.1), Run(148.1, 78.2)]);

        Assert.Equal(150, series.Representative.IterationMs.Median);   // the lower middle of four
        Assert.Equal("runs blobs-1e5: 4 runs; ms per iteration (each run's median): median 150.60 (148.10–173.20); "
            + "floor ratio: median 1.969 (1.819–2.084); within 2× of the floor: 2 of 4", series.Summary());
        Assert.True(double.IsNaN(PrivClust.Cli.Bench.RunSeries.Ratio(Run(1, 0))));
    }

    [Fact]
    public async Task Compare_runs_both_builds_alternately_and_summarises_each()
    {
        // The same build on both sides (its privclust.dll): what matters here is the alternation and the pooled summary.
        string self = Path.Combine(AppContext.BaseDirectory, "privclust.dll");
        CliRun run = await CliProcess.RunAsync(Timeout, ["bench", "--workload", "meanshift-seed", "--compare", self, "--rounds", "2", "--repeat", "1"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(4, run.Error.Split('\n').Count(l => l.Contains(": round ", StringComparison.Ordinal)));
        string[] summary = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, summary.Length);
        Assert.StartsWith("compare meanshift-seed, this build: 2 jobs, ms per iteration (median): first ", summary[0]);
        Assert.StartsWith($"compare meanshift-seed, other build ({self}): 2 jobs,", summary[1]);
        Assert.DoesNotContain("NaN", run.Output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<JsonElement> BenchAsync(string workload, params string[] mode)
    {
        string json = Path.Combine(_folder, $"{workload}-{mode.Length}.json");
        CliRun run = await CliProcess.RunAsync(Timeout, ["bench", "--workload", workload, "--json", json, .. mode]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"| {workload} |", run.Output);
        // Started without the variable, the benchmark ran itself again with full JIT (FullJitRelaunch).
        Assert.Contains("DOTNET_TieredCompilation=0, DOTNET_ReadyToRun=0", run.Error);
        using JsonDocument document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        return document.RootElement.Clone();
    }

    private static void AssertSane(JsonElement r, string workload, int n)
    {
        Assert.Equal(workload, r.GetProperty("workload").GetString());
        Assert.Equal(n, r.GetProperty("n").GetInt32());
        Assert.Equal(2, r.GetProperty("d").GetInt32());
        Assert.True(r.GetProperty("k").GetInt32() >= 1);
        Assert.True(r.GetProperty("iterations").GetInt32() >= 1);
        JsonElement times = r.GetProperty("iteration_ms");
        double min = times.GetProperty("min").GetDouble(), median = times.GetProperty("median").GetDouble(), max = times.GetProperty("max").GetDouble();
        Assert.True(0 < min && min <= median && median <= max, times.ToString());
        Assert.True(r.GetProperty("total_ms").GetDouble() >= median);
        Assert.True(r.GetProperty("rounds_per_iteration").GetDouble() >= 1);
        foreach (string field in new[] { "bytes_per_iteration", "peak_rss_mb" })
        {
            foreach (string party in new[] { "a", "b", "dealer" })
            {
                Assert.True(r.GetProperty(field).GetProperty(party).GetDouble() > 0, $"{field}.{party}: {r}");
            }
        }
        Assert.True(r.GetProperty("plaintext_iteration_ms").GetDouble() > 0);
        Assert.True(r.GetProperty("floor_ms").GetDouble() > 0);
        JsonElement[] phases = [.. r.GetProperty("phases").EnumerateArray()];
        Assert.Contains(phases, p => p.GetProperty("phase").GetString() == "comparisons" && p.GetProperty("rounds").GetInt64() > 0);
        Assert.All(phases, p => Assert.True(p.GetProperty("ms").GetDouble() >= 0 && p.GetProperty("bytes").GetInt64() >= 0));
        Assert.Equal(r.TryGetProperty("runs", out _) ? 14 : 13, r.EnumerateObject().Count());   // runs: only with --runs N > 1
    }
}
