using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Harness;
using PrivClust.Core.Tests.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Checkpoints;

/// <summary>
/// A job stopped at a checkpoint and resumed from it (fresh sessions with the same seeds, the dealer rebuilt at party b's
/// mark) ends bit-identical to the uninterrupted run: centroids, labels, iterations, converged bits, inertia, elbow
/// losses. k-means here; mean-shift and elbow in <see cref="MeanShiftAndElbowResumeTests"/>.
/// </summary>
public class ResumeTests
{
    private const ulong Seed = 11;

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
        CheckpointedRun run = CheckpointedRun.Of(spec, a, b, shape);
        int at = (int)(number < 0 ? run.SavedA.Count - 2 : number);
        Assert.True(at < run.SavedA.Count - 1, "the job has a checkpoint after the one resumed from");
        Assert.All(run.SavedA, c => Assert.IsType<KMeansState>(c.State));

        run.AssertResumesIdentically(at);
        var (_, again) = run.ResumeFrom(at);
        Assert.Equal(((KMeansState)run.SavedA[^1].State).Lloyd.Centroids, ((KMeansState)again[^1].State).Lloyd.Centroids);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void At_every_boundary_the_next_iteration_is_already_announced_to_the_dealer(int nInit)
    {
        (JobSpec spec, PartyDataset a, PartyDataset b, JobShape shape) = Job("horizontal", nInit);
        CheckpointedRun run = CheckpointedRun.Of(spec, a, b, shape);
        // Boundary 0 of each run (after its farthest init): the first iteration was announced with the init, behind a mark
        // ahead at the boundary; at every later one the next iteration was announced during the iteration before it.
        KMeansState[] states = run.SavedB.Select(c => (KMeansState)c.State).ToArray();
        Assert.Equal(nInit, states.Count(state => state.Lloyd.Iteration == 0));
        for (int i = 0; i < states.Length; i++)
        {
            Assert.True(run.AnnouncedAtBoundaryB[i] > 0, $"boundary {i} (iteration {states[i].Lloyd.Iteration}): nothing announced");
        }
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
    public void A_checkpoint_of_another_algorithm_is_refused()
    {
        (JobSpec spec, PartyDataset a, PartyDataset b, JobShape shape) = Job("horizontal", 1);
        CheckpointedRun kMeans = CheckpointedRun.Of(spec, a, b, shape);
        var meanShift = spec with { Algorithm = Algorithm.MeanShift, Bandwidth = 1, Dust = 3 };
        var refused = Assert.Throws<InvalidJobException>(() => kMeans.ResumeFrom(1, meanShift));
        Assert.Contains("--algorithm MeanShift: the checkpoint to resume from is of a KMeans job", refused.Message);
        var elbow = spec with { Algorithm = Algorithm.Elbow, KMin = 2, K = 3 };
        Assert.Contains("is of a KMeans job", Assert.Throws<InvalidJobException>(() => kMeans.ResumeFrom(1, elbow)).Message);

        CheckpointedRun shifted = CheckpointedRun.Of(meanShift, a, b, shape);
        Assert.IsType<MeanShiftState>(shifted.SavedA[0].State);
        Assert.Contains("--algorithm KMeans: the checkpoint to resume from is of a MeanShift job",
            Assert.Throws<InvalidJobException>(() => shifted.ResumeFrom(0, spec)).Message);
    }

    internal static (JobSpec Spec, PartyDataset A, PartyDataset B, JobShape Shape) Job(string partition, int nInit)
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
