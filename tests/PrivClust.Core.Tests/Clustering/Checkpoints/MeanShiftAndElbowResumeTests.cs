using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Tests.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Checkpoints;

/// <summary>
/// Mean-shift resumed from every one of its boundaries, and an elbow sweep resumed in the middle (inside a later k's
/// run, after some ks finished), end bit-identical to the uninterrupted run at both parties.
/// </summary>
public class MeanShiftAndElbowResumeTests
{
    [Theory]
    [InlineData(300, true)]
    [InlineData(2, false)]
    public void Mean_shift_resumed_from_every_boundary_ends_bit_identical(int maxIter, bool dust)
    {
        ReferenceCase reference = ReferenceCase.Load("meanshift_unit_square_r0.1");
        var spec = new JobSpec
        {
            Algorithm = Algorithm.MeanShift, Columns = ["x", "y"], Bandwidth = 0.1, MaxIter = maxIter, Seed = 5,
            Seeds = dust ? null : reference.Seeds, Dust = dust ? 10 : 0,
        };
        int n = reference.N, rowsA = n / 2;
        var a = new PartyDataset(reference.FlatData[..(rowsA * 2)], rowsA, 2);
        var b = new PartyDataset(reference.FlatData[(rowsA * 2)..], n - rowsA, 2);
        CheckpointedRun run = CheckpointedRun.Of(spec, a, b, new JobShape(rowsA, n - rowsA, 2, 2));

        Assert.All(run.SavedA, c => Assert.IsType<MeanShiftState>(c.State));
        Assert.Equal(Enumerable.Range(0, run.SavedA.Count), run.SavedA.Select(c => ((MeanShiftState)c.State).Iteration));
        Assert.True(run.SavedA.Count >= (dust ? 3 : 2), $"{run.SavedA.Count} boundaries");
        Assert.Equal(dust, run.Whole.Party0.Converged);
        // At every boundary before the last allowed iteration the next stretch is already announced (behind a mark ahead).
        for (int at = 0; at < run.SavedB.Count; at++)
        {
            int iteration = ((MeanShiftState)run.SavedB[at].State).Iteration;
            Assert.True(iteration < maxIter == run.AnnouncedAtBoundaryB[at] > 0, $"boundary {at}: {run.AnnouncedAtBoundaryB[at]} requests announced");
        }
        for (int at = 0; at < run.SavedA.Count; at++)
        {
            run.AssertResumesIdentically(at);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_elbow_sweep_resumed_in_the_middle_ends_bit_identical(int nInit)
    {
        (JobSpec kMeans, PartyDataset a, PartyDataset b, JobShape shape) = ResumeTests.Job("horizontal", nInit);
        var spec = kMeans with { Algorithm = Algorithm.Elbow, KMin = 2, K = 4, Reveal = RevealPolicy.None };
        CheckpointedRun run = CheckpointedRun.Of(spec, a, b, shape);

        ElbowState[] states = run.SavedA.Select(c => Assert.IsType<ElbowState>(c.State)).ToArray();
        Assert.Equal([0, 1, 2], states.Select(s => s.Finished.Count).Distinct());
        int firstOfK3 = Array.FindIndex(states, s => s.Finished.Count == 1);
        Assert.Equal(2, states[firstOfK3].Finished[0].K);
        Assert.Equal(run.Whole.Party0.ElbowLosses![0].Loss, states[firstOfK3].Finished[0].Loss);
        run.AssertResumesIdentically(firstOfK3 + 2);
        run.AssertResumesIdentically(Array.FindIndex(states, s => s.Finished.Count == 2));
    }
}
