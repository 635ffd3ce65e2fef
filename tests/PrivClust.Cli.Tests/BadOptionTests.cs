using PrivClust.Cli.Tests.Support;

namespace PrivClust.Cli.Tests;

/// <summary>Bad options and bad files: exit code 2 and one line on stderr naming the option (or file, row and column); nothing is submitted.</summary>
public class BadOptionTests
{
    private const string Nowhere = "http://127.0.0.1:9"; // nothing listens: a check that reached the network would fail with exit 1

    [Theory]
    [InlineData("--k", "kmeans", "--columns", "x,y", "--k", "0")]
    [InlineData("--k", "kmeans", "--columns", "x,y", "--k", "many")]
    [InlineData("--columns", "kmeans", "--k", "3")]
    [InlineData("--init", "kmeans", "--columns", "x,y", "--init", "best")]
    [InlineData("--max-iter", "kmeans", "--columns", "x,y", "--max-iter", "0")]
    [InlineData("--n-init", "kmeans", "--columns", "x,y", "--n-init", "0")]
    [InlineData("--reveal", "kmeans", "--columns", "x,y", "--reveal", "everything")]
    [InlineData("--partition", "kmeans", "--columns", "x,y", "--partition", "diagonal")]
    [InlineData("--id-column", "kmeans", "--columns", "x,y", "--partition", "vertical")]
    [InlineData("--fractional-bits", "kmeans", "--columns", "x,y", "--fractional-bits", "40")]
    [InlineData("--value-bound", "meanshift", "--columns", "x,y", "--bandwidth", "0.5", "--dust", "5", "--value-bound", "-2")]
    [InlineData("--bandwidth", "meanshift", "--columns", "x,y", "--dust", "5")]
    [InlineData("--bandwidth", "meanshift", "--columns", "x,y", "--bandwidth", "-1", "--dust", "5")]
    [InlineData("--dust", "meanshift", "--columns", "x,y", "--bandwidth", "0.5")]
    [InlineData("--k-min", "elbow", "--columns", "x,y", "--k", "3", "--k-min", "5")]
    [InlineData("--algorithm", "demo", "--algorithm", "dbscan")]
    [InlineData("--initial-centroids", "demo", "--initial-centroids", "no-such-file.csv")]
    [InlineData("--repeat", "bench", "--workload", "mall-kmeans", "--repeat", "0")]
    [InlineData("--compare", "bench", "--workload", "mall-kmeans", "--compare", "no-such-privclust")]
    [InlineData("--compare", "bench", "--workload", "mall-kmeans", "--compare", "no-such-privclust", "--in-process")]
    [InlineData("--rounds", "bench", "--workload", "mall-kmeans", "--compare", "x", "--rounds", "0")]
    public async Task A_bad_option_exits_with_code_2_and_one_line_naming_it(string option, params string[] args)
    {
        string[] withParty = args[0] is "demo" or "bench" ? args : [.. args, "--party", Nowhere];

        CliRun run = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), withParty);

        AssertUsageError(run, option);
    }

    [Fact]
    public async Task A_bad_cell_in_initial_centroids_is_named_by_file_row_and_column()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("privclust-bad-").FullName, "init.csv");
        File.WriteAllText(file, "x,y\n1,2\n3,oops\n");

        CliRun run = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "kmeans", "--party", Nowhere, "--columns", "x,y", "--k", "2", "--initial-centroids", file);

        AssertUsageError(run, "--initial-centroids");
        Assert.Contains("init.csv, data row 2", run.Error);
        Assert.Contains("column \"y\"", run.Error);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public async Task An_unreachable_party_is_a_runtime_failure()
    {
        CliRun run = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "kmeans", "--party", Nowhere, "--insecure-dev", "--columns", "x,y");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("privclust: the party daemon cannot be reached", run.Error);
    }

    [Theory]
    [InlineData("--runs", "0")]
    [InlineData("--runs", "2", "--in-process")]
    [InlineData("--runs", "2", "--compare", "/nonexistent/privclust")]
    public async Task Bench_runs_is_checked(params string[] options)
    {
        CliRun run = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), ["bench", "--workload", "meanshift-seed", .. options]);

        AssertUsageError(run, "--runs");
    }

    private static void AssertUsageError(CliRun run, string option)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        string error = run.Error.Trim();
        Assert.DoesNotContain('\n', error);
        Assert.StartsWith("privclust: ", error);
        Assert.Contains(option, error);
    }
}
