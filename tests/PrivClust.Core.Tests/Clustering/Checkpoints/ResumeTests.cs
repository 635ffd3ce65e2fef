using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Correlations;
using PrivClust.Core.Harness;
using PrivClust.Core.Tests.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Checkpoints;

/// <summary>
/// A k-means job stopped at a checkpoint and resumed from it (fresh sessions with the same seeds, the dealer rebuilt at
/// party b's mark) ends bit-identical to the uninterrupted run: centroids, labels, iterations, converged bits, inertia.
/// </summary>
public class ResumeTests
{
    private const ulong Seed = 11;

    private sealed class RecordingSink(DealerGenerator? dealer) : ICheckpointSink
    {
        public List<JobCheckpoint> Saved { get; } = [];
        public List<DealerGeneratorState> DealerMarks { get; } = [];

        public void Save(JobCheckpoint checkpoint)
        {
            Saved.Add(checkpoint);
            if (dealer is not null)
            {
                DealerMarks.Add(dealer.Snapshot());
            }
        }
    }

    private sealed class StopAfter(long number) : ICheckpointSink
    {
        public void Save(JobCheckpoint checkpoint)
        {
            if (checkpoint.Number == number)
            {
                throw new OperationCanceledException("stopped at the checkpoint");
            }
        }
    }

    public static TheoryData<string, int, long> Cases => new()
    {
        { "horizontal", 1, 0 }, { "horizontal", 1, 3 }, { "horizontal", 2, 2 }, { "horizontal", 2, -1 }, { "vertical", 1, 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_job_resumed_from_a_checkpoint_ends_bit_identical_to_the_uninterrupted_run(string partition, int nInit, long number)
    {
        (JobSpec spec, PartyDataset a, PartyDataset b, JobShape shape) = Job(partition, nInit);
        var dealer = new DealerGenerator(TwoPartyHarness.DeriveSeed(Seed, "dealer/party0"), TwoPartyHarness.DeriveSeed(Seed, "dealer/party1"));
        var sinkA = new RecordingSink(null);
        var sinkB = new RecordingSink(dealer);
        var whole = TwoPartyHarness.Run(Seed,
            s => SecureClustering.Run(s, spec, a, shape, checkpointing: new JobCheckpointing(sinkA)),
            s => SecureClustering.Run(s, spec, b, shape, checkpointing: new JobCheckpointing(sinkB)),
            wrapFeed: _ => new InProcessDealerFeed(dealer));
        Assert.Equal(sinkA.Saved.Select(c => c.Number), sinkB.Saved.Select(c => c.Number));
        int at = (int)(number < 0 ? sinkA.Saved.Count - 2 : number);
        Assert.True(at < sinkA.Saved.Count - 1, "the job has a checkpoint after the one resumed from");

        var resumedDealer = new DealerGenerator(TwoPartyHarness.DeriveSeed(Seed, "dealer/party0"), TwoPartyHarness.DeriveSeed(Seed, "dealer/party1"),
            sinkB.DealerMarks[at]);
        var again = new RecordingSink(null);
        var resumed = TwoPartyHarness.Run(Seed,
            s => SecureClustering.Run(s, spec, a, shape, checkpointing: new JobCheckpointing(again, sinkA.Saved[at])),
            s => SecureClustering.Run(s, spec, b, shape, checkpointing: new JobCheckpointing(new RecordingSink(null), sinkB.Saved[at])),
            wrapFeed: _ => new InProcessDealerFeed(resumedDealer));

        foreach ((JobResult expected, JobResult actual) in new[] { (whole.Party0, resumed.Party0), (whole.Party1, resumed.Party1) })
        {
            Assert.Equal(expected.Centroids, actual.Centroids);
            Assert.Equal(expected.OwnLabels, actual.OwnLabels);
            Assert.Equal(expected.Iterations, actual.Iterations);
            Assert.Equal(expected.ConvergedBits, actual.ConvergedBits);
            Assert.Equal(expected.Inertia, actual.Inertia);
        }
        Assert.Equal(sinkA.Saved.Skip(at + 1).Select(c => c.Number), again.Saved.Select(c => c.Number));
        Assert.Equal(sinkA.Saved[^1].Lloyd.Centroids, again.Saved[^1].Lloyd.Centroids);
    }

    [Fact]
    public void A_job_stopped_at_a_checkpoint_fails_at_both_parties_and_leaves_that_checkpoint()
    {
        (JobSpec spec, PartyDataset a, PartyDataset b, JobShape shape) = Job("horizontal", 1);
        Assert.ThrowsAny<Exception>(() => TwoPartyHarness.Run(Seed,
            s => SecureClustering.Run(s, spec, a, shape, checkpointing: new JobCheckpointing(new StopAfter(2))),
            s => SecureClustering.Run(s, spec, b, shape, checkpointing: new JobCheckpointing(new StopAfter(2)))));
    }

    [Fact]
    public void Only_k_means_resumes()
    {
        (JobSpec spec, PartyDataset a, PartyDataset b, JobShape shape) = Job("horizontal", 1);
        var sink = new RecordingSink(null);
        TwoPartyHarness.Run(Seed, s => SecureClustering.Run(s, spec, a, shape, checkpointing: new JobCheckpointing(sink)),
            s => SecureClustering.Run(s, spec, b, shape));
        var meanShift = spec with { Algorithm = Algorithm.MeanShift, Bandwidth = 1, Dust = 3 };
        var refused = Assert.Throws<InvalidJobException>(() => TwoPartyHarness.Run(Seed,
            s => SecureClustering.Run(s, meanShift, a, shape, checkpointing: new JobCheckpointing(sink, sink.Saved[0])),
            s => SecureClustering.Run(s, meanShift, b, shape, checkpointing: new JobCheckpointing(sink, sink.Saved[0]))));
        Assert.Contains("only k-means jobs resume", refused.Message);
    }

    private static (JobSpec Spec, PartyDataset A, PartyDataset B, JobShape Shape) Job(string partition, int nInit)
    {
        ReferenceCase reference = ReferenceCase.Load("kmeans_mall_k5");
        var spec = new JobSpec
        {
            Columns = ["x", "y"], K = 5, Init = InitMethod.Farthest, NInit = nInit, Seed = 7, Scale = Scaling.Standard,
            Reveal = RevealPolicy.Inertia | RevealPolicy.Sizes,
        };
        if (partition == "horizontal")
        {
            return (spec, new PartyDataset(reference.FlatData[..200], 100, 2), new PartyDataset(reference.FlatData[200..], 100, 2), new JobShape(100, 100, 2, 2));
        }
        int n = reference.N;
        string[] ids = Enumerable.Range(0, n).Select(i => $"id-{i:D4}").ToArray();
        double[] x = Enumerable.Range(0, n).Select(i => reference.FlatData[2 * i]).ToArray();
        double[] y = Enumerable.Range(0, n).Select(i => reference.FlatData[2 * i + 1]).Reverse().ToArray();
        return (spec with { Partition = Partition.Vertical, IdColumn = "id" }, new PartyDataset(x, n, 1, ids), new PartyDataset(y, n, 1, ids.Reverse().ToArray()),
            new JobShape(n, n, 1, 1));
    }
}
