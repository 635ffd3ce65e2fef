using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Checkpoints;

/// <summary>
/// The TCP connection between the parties cut mid-job, both daemons staying up: each party sees its session break
/// without an abort frame, leaves it, and the two meet again (a redials through the same route, b waits for it); the job
/// resumes from the last checkpoint both have written and ends with the uninterrupted run's result; the checkpoints are deleted.
/// </summary>
public class BrokenLinkTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <param name="held">
    /// The party held at a checkpoint while the link is cut: b at checkpoint 2 (written at boundary 2, when a has written 1 at
    /// least), a at checkpoint 3. a writes at every boundary, b one boundary late (once the dealer acknowledged its mark), and
    /// a can reach boundary 2 before its last message of iteration 2 has reached b; held there, b might have written only
    /// checkpoint 0. Held at boundary 3, a has b's messages of iteration 3, so b has passed boundary 2 and written 1.
    /// </param>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_peer_link_cut_mid_job_resumes_and_both_end_with_the_uninterrupted_result(int held)
    {
        var engine = new PausingEngine(pauseAfter: held == 0 ? 3 : 2, party: held);
        SeverableRelay? relay = null;
        var logs = new CapturingLoggerProvider();
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(PartyRestartTests.Csv(0), PartyRestartTests.Csv(1), engine: engine,
            configure: b => b.Logging.AddProvider(logs),
            settings: (config, party) =>
            {
                config["Party:Checkpoints:PeerResumeTimeout"] = "00:00:30";
                if (party == 0)
                {
                    relay = new SeverableRelay(config["Party:PeerUrl"]!);
                    config["Party:PeerUrl"] = relay.Url;
                }
            });
        using SeverableRelay link = relay!;
        string uninterrupted = await PartyRestartTests.RunAsync(daemons);
        JobStatus[] reference = [await daemons.WaitAsync(0, uninterrupted, Bound), await daemons.WaitAsync(1, uninterrupted, Bound)];
        Assert.All(reference, s => Assert.True(s.State == JobState.Succeeded, s.Error));

        engine.Arm();
        string resumed = await PartyRestartTests.RunAsync(daemons);
        await engine.Paused.WaitAsync(Bound);
        link.Sever();
        engine.Release();
        Assert.True(link.Severed > 0, "no connection was cut");

        for (int party = 0; party < 2; party++)
        {
            JobStatus status = await daemons.WaitAsync(party, resumed, Bound);
            Assert.True(status.State == JobState.Succeeded, $"party {party}: {status.State} {status.Error}");
            JsonNode expected = PartyRestartTests.Result(daemons, party, uninterrupted), actual = PartyRestartTests.Result(daemons, party, resumed);
            Assert.Equal(expected["centroids"]!.ToJsonString(), actual["centroids"]!.ToJsonString());
            Assert.Equal(expected["labels"]!.ToJsonString(), actual["labels"]!.ToJsonString());
            Assert.Equal(expected["iterations"]!.ToJsonString(), actual["iterations"]!.ToJsonString());
            Assert.False(Directory.Exists(Path.Combine(daemons.Results(party), ".checkpoints", resumed)), $"party {party} kept its checkpoints");
        }
        // Both resumed from the same checkpoint: b's latest written one (1 or 2: b writes a checkpoint once the dealer
        // acknowledged its mark, at the next boundary).
        string[] resumes = [.. logs.Lines.Select(l => l.Text).Where(t => t.StartsWith($"Job {resumed}: resumed from checkpoint ", StringComparison.Ordinal))];
        Assert.True(resumes.Length == 2 && resumes[0] == resumes[1] && !resumes[0].EndsWith(" 0.", StringComparison.Ordinal),
            string.Join("\n", logs.Lines.Where(l => l.Text.Contains(resumed, StringComparison.Ordinal)).Select(l => l.Text)));
    }
}
