using PrivClust.Cli.Tests.Support;
using PrivClust.Core.Clustering;

namespace PrivClust.Cli.Tests;

/// <summary>
/// Dealer, party a and party b as three OS processes started from the built CLI; jobs submitted with the CLI (a
/// fourth process). The results equal the in-process engine's (TwoPartyHarness) on the same split and spec, exactly.
/// </summary>
public sealed class ThreeProcessTests(ThreeProcessTests.Network network) : IClassFixture<ThreeProcessTests.Network>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Kmeans_on_the_Mall_split_over_three_processes_equals_the_in_process_engine()
    {
        var spec = new JobSpec { Algorithm = Algorithm.KMeans, Columns = [TestData.Income, TestData.Spending], K = 5, Init = InitMethod.Farthest, Seed = 3 };
        string output = Path.Combine(network.Daemons.Folder, "out-kmeans");

        CliRun run = await CliProcess.RunAsync(JobTimeout, ["kmeans", "--party", network.Daemons.PartyUrls[0],
            "--columns", $"{TestData.Income},{TestData.Spending}", "--k", "5", "--init", "farthest", "--seed", "3", "--out", output, .. network.Daemons.ClientArguments]);

        AssertEqualsEngine(run, spec, output);
        Assert.Contains("cluster", run.Output);
        Assert.Contains(TestData.Income, run.Output);
    }

    [Fact]
    public async Task Meanshift_on_unit_square_data_over_three_processes_equals_the_in_process_engine()
    {
        var spec = new JobSpec { Algorithm = Algorithm.MeanShift, Columns = ["x", "y"], Bandwidth = 0.25, Dust = 6, Seed = 7 };
        string output = Path.Combine(network.Daemons.Folder, "out-meanshift");

        CliRun run = await CliProcess.RunAsync(JobTimeout, ["meanshift", "--party", network.Daemons.PartyUrls[0],
            "--columns", "x,y", "--bandwidth", "0.25", "--dust", "6", "--seed", "7", "--out", output, .. network.Daemons.ClientArguments]);

        AssertEqualsEngine(run, spec, output);
    }

    [Fact]
    public async Task Elbow_with_json_prints_result_json_on_stdout_progress_lines_on_stderr_and_draws_the_plots()
    {
        string output = Path.Combine(network.Daemons.Folder, "out-elbow");

        CliRun run = await CliProcess.RunAsync(JobTimeout, ["elbow", "--party", network.Daemons.PartyUrls[0], "--columns", "x,y",
            "--k-min", "1", "--k", "3", "--max-iter", "5", "--seed", "5", "--json", "--data", network.CsvPaths[0], "--out", output, .. network.Daemons.ClientArguments]);

        Assert.True(run.ExitCode == 0, run + network.Daemons.Logs());
        using var result = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.Equal(3, result.RootElement.GetProperty("elbow").GetProperty("losses").GetArrayLength());
        string[] progress = [.. run.Error.Split('\n').Where(l => l.StartsWith("{\"event\":\"progress\"", StringComparison.Ordinal))];
        Assert.NotEmpty(progress);
        using (var last = System.Text.Json.JsonDocument.Parse(progress[^1]))
        {
            Assert.Equal("succeeded", last.RootElement.GetProperty("state").GetString());
            Assert.True(last.RootElement.GetProperty("bytes_sent").GetInt64() > 0);
        }
        foreach (string picture in new[] { "elbow.png", "clusters.png" })
        {
            byte[] png = File.ReadAllBytes(Path.Combine(output, picture));
            Assert.Equal(0x89, png[0]);
            Assert.True(png.Length > 10_000, $"{picture}: {png.Length} bytes");
        }
        Assert.True(File.Exists(Path.Combine(output, "elbow.svg")));
    }

    private void AssertEqualsEngine(CliRun run, JobSpec spec, string output)
    {
        Assert.True(run.ExitCode == 0, run + network.Daemons.Logs());
        (double[][] centroids, int[] labelsA, int[] labelsB) = InProcessReference.Run(spec, network.CsvPaths[0], network.CsvPaths[1]);
        string resultB = Path.Combine(network.Daemons.Results(1), ResultFiles.JobId(run), "result.json");

        Assert.Equal(centroids, ResultFiles.Centroids(Path.Combine(output, "result.json")));
        Assert.Equal(labelsA, ResultFiles.Labels(Path.Combine(output, "result.json"), "a"));
        Assert.Equal(labelsA, ResultFiles.LabelsCsv(Path.Combine(output, "labels.csv")));
        Assert.Equal(centroids, ResultFiles.Centroids(resultB));
        Assert.Equal(labelsB, ResultFiles.Labels(resultB, "b"));
    }

    /// <summary>The three daemon processes, shared by the tests of this class.</summary>
    public sealed class Network : IAsyncLifetime
    {
        public DaemonProcesses Daemons { get; private set; } = null!;
        public string[] CsvPaths { get; } = new string[2];

        public async Task InitializeAsync()
        {
            string a = TestData.MallWithUnitSquare('a'), b = TestData.MallWithUnitSquare('b');
            Daemons = await DaemonProcesses.StartAsync(a, b, [TestData.Income, TestData.Spending, "x", "y"]);
            CsvPaths[0] = Path.Combine(Daemons.Folder, "data-a.csv");
            CsvPaths[1] = Path.Combine(Daemons.Folder, "data-b.csv");
        }

        public async Task DisposeAsync() => await Daemons.DisposeAsync();
    }
}
