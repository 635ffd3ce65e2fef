using System.Text.Json;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Faults;

/// <summary>Eight jobs at once between the same two parties, each with its own session: all correct, none mixed up.</summary>
public class ConcurrencyTests
{
    [Fact]
    public async Task Eight_concurrent_jobs_all_succeed_with_their_own_results()
    {
        const string csvA = "x,y\n1,10\n2,20\n3,30\n";
        const string csvB = "x,y\n5,50\n9,90\n";
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(csvA, csvB);
        // Jobs differ by the column order, so a result landing in another job's session would show.
        string[][] columns = [.. Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? new[] { "x", "y" } : ["y", "x"])];

        SubmitReply[] jobs = await Task.WhenAll(columns.Select((c, i) =>
        {
            var spec = new JobSpec { Algorithm = Algorithm.Kmeans, Partition = Partition.Horizontal, K = 1, FractionalBits = 16 };
            spec.Columns.AddRange(c);
            return daemons.ControlOf(i % 2).SubmitAsync(new SubmitRequest { Spec = spec }).ResponseAsync;
        }));

        Assert.Equal(8, jobs.Select(j => j.JobId).Distinct().Count());
        for (int i = 0; i < jobs.Length; i++)
        {
            for (int party = 0; party < 2; party++)
            {
                JobStatus status = await daemons.WaitAsync(party, jobs[i].JobId, TimeSpan.FromSeconds(60));
                Assert.True(status.State == JobState.Succeeded, status.Error);
                using JsonDocument result = JsonDocument.Parse(File.ReadAllText(Path.Combine(status.ResultPath, "result.json")));
                double[] centroid = [.. result.RootElement.GetProperty("centroids")[0].EnumerateArray().Select(v => v.GetDouble())];
                Assert.Equal(columns[i][0] == "x" ? [4.0, 40.0] : [40.0, 4.0], centroid.Select(v => Math.Round(v, 3)));
            }
        }
    }
}
