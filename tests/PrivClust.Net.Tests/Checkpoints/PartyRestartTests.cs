using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Checkpoints;

/// <summary>
/// Issue 5, item 4: a party's daemon killed at an iteration boundary (after checkpoint 2: k-means' init and two
/// iterations, mean-shift's first three windows; an elbow sweep after checkpoint 4, in its k = 2 run) and started again with the same
/// configuration → the job resumes from the last checkpoint both parties have and ends, at both parties, with the result
/// of an uninterrupted run; the checkpoints are deleted. Party b (the accepting side) restarts and waits for the
/// proposer's redial; party a (the proposer) restarts and redials b, which waited for it.
/// </summary>
public class PartyRestartTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1, Algorithm.Kmeans)]
    [InlineData(0, Algorithm.Kmeans)]
    [InlineData(1, Algorithm.Meanshift)]
    [InlineData(1, Algorithm.Elbow)]
    public async Task A_party_restarted_mid_job_resumes_and_both_end_with_the_uninterrupted_result(int restarted, Algorithm algorithm)
    {
        // An elbow sweep over k = 1..3 pauses inside k = 2's run (k = 1's has boundaries 0-2), so it resumes past a finished k.
        var engine = new PausingEngine(pauseAfter: algorithm == Algorithm.Elbow ? 4 : 2, party: restarted);
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(Csv(0), Csv(1), engine: engine,
            settings: (config, _) => config["Party:Checkpoints:PeerResumeTimeout"] = "00:00:30");
        string uninterrupted = await RunAsync(daemons, algorithm);
        JobStatus[] reference = [await daemons.WaitAsync(0, uninterrupted, Bound), await daemons.WaitAsync(1, uninterrupted, Bound)];
        Assert.All(reference, s => Assert.True(s.State == JobState.Succeeded, s.Error));
        Assert.True(reference[0].Progress.Iteration > 3, $"the job needs more than 3 iterations, it had {reference[0].Progress.Iteration}");

        engine.Arm();
        string resumed = await RunAsync(daemons, algorithm);
        await engine.Paused.WaitAsync(Bound);
        Assert.True(Directory.Exists(Path.Combine(daemons.Results(restarted), ".checkpoints", resumed)));
        await daemons.KillPartyAsync(restarted);
        await daemons.RestartPartyAsync(restarted);

        for (int party = 0; party < 2; party++)
        {
            JobStatus status = await daemons.WaitAsync(party, resumed, Bound);
            Assert.True(status.State == JobState.Succeeded, $"party {party}: {status.State} {status.Error}");
            JsonNode expected = Result(daemons, party, uninterrupted), actual = Result(daemons, party, resumed);
            Assert.Equal(expected["centroids"]!.ToJsonString(), actual["centroids"]!.ToJsonString());
            Assert.Equal(expected["labels"]!.ToJsonString(), actual["labels"]!.ToJsonString());
            Assert.Equal(expected["iterations"]!.ToJsonString(), actual["iterations"]!.ToJsonString());
            Assert.Equal(expected["converged_bits"]!.ToJsonString(), actual["converged_bits"]!.ToJsonString());
            Assert.Equal(expected["k"]!.ToJsonString(), actual["k"]!.ToJsonString());
            AssertSameElbow(expected["elbow"], actual["elbow"]);
            Assert.False(Directory.Exists(Path.Combine(daemons.Results(party), ".checkpoints", resumed)), $"party {party} kept its checkpoints");
        }
        // The party that stayed up resumed on this engine (the restarted one runs the production engine) from a checkpoint of the job's kind.
        Core.Clustering.Checkpoints.JobCheckpoint from = Assert.Single(engine.ResumedFrom);
        Assert.Equal(algorithm.ToString(), from.State.Algorithm.ToString(), ignoreCase: true);
        if (algorithm == Algorithm.Elbow)
        {
            Assert.NotEmpty(Assert.IsType<Core.Clustering.Checkpoints.ElbowState>(from.State).Finished);
        }
    }

    internal static async Task<string> RunAsync(PartyDaemons daemons, Algorithm algorithm = Algorithm.Kmeans)
    {
        var spec = new JobSpec
        {
            Algorithm = algorithm, Partition = Partition.Horizontal, K = 4, FractionalBits = 16, Init = InitMethod.Random, Seed = 9,
            MaxIter = 40, Columns = { "x", "y" },
        };
        if (algorithm == Algorithm.Meanshift)
        {
            (spec.Bandwidth, spec.Dust) = (4, 10);
        }
        else if (algorithm == Algorithm.Elbow)
        {
            (spec.KMin, spec.K) = (1, 3);
        }
        return (await daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = spec })).JobId;
    }

    /// <summary>
    /// The same knee and losses within the truncation's error: the two jobs run on different sessions (fresh common and
    /// dealer seeds), so the shares of each loss's terms differ, and each of the 300 truncated terms may be one step off.
    /// (Bit-identity of a resumed elbow sweep with its own uninterrupted run is shown in Core.Tests' resume tests.)
    /// </summary>
    private static void AssertSameElbow(JsonNode? expected, JsonNode? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.Equal(expected["knee"]!.ToJsonString(), actual!["knee"]!.ToJsonString());
        JsonArray want = expected["losses"]!.AsArray(), got = actual["losses"]!.AsArray();
        Assert.Equal(want.Select(l => (int)l!["k"]!), got.Select(l => (int)l!["k"]!));
        for (int i = 0; i < want.Count; i++)
        {
            Assert.Equal((double)want[i]!["loss"]!, (double)got[i]!["loss"]!, 300 * Math.ScaleB(1, -16));
        }
    }

    internal static JsonNode Result(PartyDaemons daemons, int party, string job) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(daemons.Results(party), job, "result.json")))!;

    /// <summary>Overlapping clouds, so that Lloyd takes a good number of iterations; party-specific and deterministic.</summary>
    internal static string Csv(int party)
    {
        var random = new Random(17 + party);
        var csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 150; i++)
        {
            double angle = random.NextDouble() * 2 * Math.PI, radius = 10 * Math.Sqrt(random.NextDouble());
            csv.Append(CultureInfo.InvariantCulture, $"{radius * Math.Cos(angle):0.###},{radius * Math.Sin(angle):0.###}\n");
        }
        return csv.ToString();
    }
}
