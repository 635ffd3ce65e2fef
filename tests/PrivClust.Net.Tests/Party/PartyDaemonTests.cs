using System.Text.Json;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Party;

/// <summary>Two party daemons and a dealer as separate hosts over gRPC: propose, accept or refuse, run, write results.</summary>
public class PartyDaemonTests
{
    private const string CsvA = "x,y,name\n1,10,p\n2,20,q\n3,30,r\n";
    private const string CsvB = "x,y,name\n5,50,s\n9,90,t\n";

    private static JobSpec Spec(params string[] columns)
    {
        var spec = new JobSpec { Algorithm = Algorithm.Kmeans, Partition = Partition.Horizontal, K = 1, FractionalBits = 16 };
        spec.Columns.AddRange(columns);
        return spec;
    }

    [Fact]
    public async Task A_submitted_job_runs_at_both_parties_and_writes_complete_results()
    {
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB);
        Control.ControlClient control = daemons.ControlOf(0);

        SubmitReply submitted = await control.SubmitAsync(new SubmitRequest { Spec = Spec("x", "y") });
        var updates = new List<JobProgressUpdate>();
        using (var watch = control.Watch(new GetJobRequest { JobId = submitted.JobId }))
        {
            await foreach (JobProgressUpdate update in watch.ResponseStream.ReadAllAsync())
            {
                updates.Add(update);
            }
        }

        JobStatus a = await daemons.WaitAsync(0, submitted.JobId, TimeSpan.FromSeconds(10));
        JobStatus b = await daemons.WaitAsync(1, submitted.JobId, TimeSpan.FromSeconds(10));
        Assert.True(a.State == JobState.Succeeded, a.Error);
        Assert.True(b.State == JobState.Succeeded, b.Error);
        Assert.Equal(JobState.Succeeded, updates[^1].State);
        foreach ((int party, JobStatus status) in new[] { (0, a), (1, b) })
        {
            Assert.Equal(Path.Combine(daemons.Results(party), submitted.JobId), status.ResultPath);
            using JsonDocument result = JsonDocument.Parse(File.ReadAllText(Path.Combine(status.ResultPath, "result.json")));
            double[] centroid = result.RootElement.GetProperty("centroids")[0].EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(4.0, centroid[0], 3);
            Assert.Equal(40.0, centroid[1], 3);
            Assert.Equal(1, result.RootElement.GetProperty("version").GetInt32());
            Assert.Equal(party == 0 ? 4 : 3, File.ReadAllLines(Path.Combine(status.ResultPath, "labels.csv")).Length);
            Assert.Empty(Directory.GetDirectories(daemons.Results(party), ".tmp-*"));
        }
        AssertProgressFilled(updates);
        using var http = new HttpClient();
        string metrics = await http.GetStringAsync(daemons.HttpUrls[0] + "/metrics");
        Assert.Contains("privclust_jobs_succeeded_total 1", metrics);
        Assert.Contains("privclust_active_sessions 0", metrics);
        Assert.Matches(@"privclust_iteration_duration_seconds_count [1-9]", metrics);
        Assert.Matches(@"privclust_link_bytes_sent_total\{link=""peer""\} [1-9]", metrics);
        string dealerMetrics = daemons.Dealer.Services.GetRequiredService<PrivClust.Net.Dealer.DealerMetrics>().Render();
        Assert.Contains("privclust_dealer_seeds_served_total 2", dealerMetrics);
        Assert.Matches(@"privclust_dealer_correlations_served_total\{kind=""\w+""\} [1-9]", dealerMetrics);
        Assert.Matches(@"privclust_link_bytes_received_total\{link=""dealer""\} [1-9]", await http.GetStringAsync(daemons.HttpUrls[1] + "/metrics"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(daemons.HttpUrls[1] + "/readyz")).StatusCode);
        await AssertTidiedWhenIdle(daemons.Parties[0], daemons.Parties[1], daemons.Dealer);
    }

    /// <summary>Each daemon collected its young generations once its work ended (benchmarks.md, stop 18).</summary>
    private static async Task AssertTidiedWhenIdle(params Microsoft.AspNetCore.Builder.WebApplication[] daemons)
    {
        foreach (var daemon in daemons)
        {
            var idle = daemon.Services.GetRequiredService<PrivClust.Net.Hosting.IdleHeapCollector>();
            // b's runner and the dealer's stream end just after a reports the job done.
            for (int wait = 0; wait < 100 && (idle.Active > 0 || idle.Collections == 0); wait++)
            {
                await Task.Delay(50);
            }
            Assert.Equal(0, idle.Active);
            Assert.True(idle.Collections >= 1, "the daemon did not collect once idle");
        }
    }

    /// <summary>The watch stream carries the public progress facts: iteration, converged bit, elapsed time, rounds, bytes.</summary>
    private static void AssertProgressFilled(List<JobProgressUpdate> updates)
    {
        JobProgressUpdate last = updates[^1];
        Assert.True(last.Iteration >= 1, $"iteration {last.Iteration}");
        Assert.True(last.Converged);
        Assert.True(last.ElapsedMs > 0);
        Assert.True(last.Rounds > 0 && last.BytesSent > 0 && last.BytesReceived > 0, last.ToString());
    }

    [Fact]
    public async Task The_peer_refuses_a_job_outside_its_policy_with_the_reason()
    {
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB,
            (config, party) => config["Party:Policy:AllowedColumns:1"] = party == 1 ? null : "y");
        Control.ControlClient control = daemons.ControlOf(0);

        SubmitReply submitted = await control.SubmitAsync(new SubmitRequest { Spec = Spec("x", "y") });

        JobStatus a = await daemons.WaitAsync(0, submitted.JobId, TimeSpan.FromSeconds(10));
        Assert.Equal(JobState.Refused, a.State);
        Assert.Contains("The peer refused the job: column(s) y not allowed by this party's policy", a.Error);
        Assert.False(Directory.Exists(Path.Combine(daemons.Results(0), submitted.JobId)));
        var own = await Assert.ThrowsAsync<RpcException>(() => control.SubmitAsync(new SubmitRequest { Spec = Spec("name") }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, own.StatusCode);
    }
}
