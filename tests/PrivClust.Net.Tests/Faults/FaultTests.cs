using System.Diagnostics;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Faults;

/// <summary>
/// A peer or the dealer gone mid-job fails the job at the parties still running, fast (the receive timeout is
/// 5 s here; the bound asserted is 10 s), with a reason, with no result, and the daemons keep serving. A dealer
/// briefly unreachable when a session opens is retried with backoff.
/// </summary>
public class FaultTests
{
    private const string CsvA = "x,y\n1,10\n2,20\n3,30\n";
    private const string CsvB = "x,y\n5,50\n9,90\n";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static JobSpec Spec() => new() { Algorithm = Algorithm.Kmeans, Partition = Partition.Horizontal, K = 1, FractionalBits = 16, Columns = { "x", "y" } };

    [Fact]
    public async Task The_peer_killed_mid_job_fails_the_job_at_the_other_party_with_a_reason_and_no_result()
    {
        var engine = new SlowEngine(rounds: 10_000, TimeSpan.FromMilliseconds(5));
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB, engine: engine);
        SubmitReply job = await daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = Spec() });
        await engine.Started.WaitAsync(Bound);
        var clock = Stopwatch.StartNew();

        await PartyDaemons.KillAsync(daemons.Parties[1]);
        JobStatus a = await daemons.WaitAsync(0, job.JobId, Bound);

        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
        Assert.Equal(JobState.Failed, a.State);
        Assert.False(string.IsNullOrWhiteSpace(a.Error));
        Assert.False(Directory.Exists(Path.Combine(daemons.Results(0), job.JobId)));
        Assert.NotNull(await daemons.ControlOf(0).ListAsync(new ListJobsRequest()));
    }

    [Fact]
    public async Task The_dealer_killed_mid_job_fails_the_job_at_both_parties_and_they_keep_serving()
    {
        var engine = new SlowEngine(rounds: 10_000, TimeSpan.FromMilliseconds(5));
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB, engine: engine);
        SubmitReply job = await daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = Spec() });
        await engine.Started.WaitAsync(Bound);
        var clock = Stopwatch.StartNew();

        await PartyDaemons.KillAsync(daemons.Dealer);
        JobStatus a = await daemons.WaitAsync(0, job.JobId, Bound);
        JobStatus b = await daemons.WaitAsync(1, job.JobId, Bound);

        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
        Assert.Equal(JobState.Failed, a.State);
        Assert.Equal(JobState.Failed, b.State);
        Assert.Contains("dealer", b.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("peer", a.Error, StringComparison.OrdinalIgnoreCase);
        for (int party = 0; party < 2; party++)
        {
            Assert.False(Directory.Exists(Path.Combine(daemons.Results(party), job.JobId)));
            Assert.NotNull(await daemons.ControlOf(party).ListAsync(new ListJobsRequest()));
        }
    }

    [Fact]
    public async Task A_dealer_briefly_unreachable_at_session_start_is_retried_with_backoff()
    {
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB);
        await PartyDaemons.KillAsync(daemons.Dealer);

        SubmitReply job = await daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = Spec() });
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await daemons.RestartDealerAsync();

        JobStatus a = await daemons.WaitAsync(0, job.JobId, Bound);
        JobStatus b = await daemons.WaitAsync(1, job.JobId, Bound);
        Assert.True(a.State == JobState.Succeeded, a.Error);
        Assert.True(b.State == JobState.Succeeded, b.Error);
    }
}
