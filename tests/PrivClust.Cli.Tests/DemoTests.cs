using PrivClust.Cli.Tests.Support;
using PrivClust.Core.Clustering;

namespace PrivClust.Cli.Tests;

/// <summary><c>privclust demo</c> as a process: the embedded network gives the in-process engine's result.</summary>
public class DemoTests
{
    [Fact]
    public async Task Demo_with_no_options_writes_the_engines_centroids_and_both_parties_labels()
    {
        string folder = Directory.CreateTempSubdirectory("privclust-demo-test-").FullName;
        try
        {
            string output = Path.Combine(folder, "out");
            CliRun run = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "demo", "--out", output);

            Assert.True(run.ExitCode == 0, run.ToString());
            var spec = new JobSpec { Columns = [TestData.Income, TestData.Spending], K = 5, Init = InitMethod.Farthest, Seed = 1 };
            (double[][] centroids, int[] labelsA, int[] labelsB) = InProcessReference.Run(spec, TestData.MallPath('a'), TestData.MallPath('b'));
            string result = Path.Combine(output, "result.json");
            Assert.Equal(centroids, ResultFiles.Centroids(result));
            Assert.Equal(labelsA, ResultFiles.Labels(result, "a"));
            Assert.Equal(labelsB, ResultFiles.Labels(result, "b"));
            Assert.Equal(labelsA, ResultFiles.LabelsCsv(Path.Combine(output, "labels-a.csv")));
            Assert.Equal(labelsB, ResultFiles.LabelsCsv(Path.Combine(output, "labels-b.csv")));
            Assert.Contains("plaintext " + TestData.Income, run.Output);
            Assert.Contains("labels equal for 200 of 200 rows", run.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
