using PrivClust.Core.Clustering;
using PrivClust.Core.Tests.Clustering.Plaintext;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Clustering.Secure;

/// <summary>
/// Rounds per iteration of whole jobs on small data (the latency-bound case), from the rounds of two runs that differ
/// by one iteration: neither run converges, so the difference is one steady iteration.
/// </summary>
public class IterationBudgetTests
{
    /// <summary>
    /// k-means (n = 200, k = 5, all-pairs argmin): distances 1 (the previous converged bit rides), comparison to bits 3,
    /// the AND of each row's k − 1 comparison bits 1, B2A 1 (the sums Oᵀ·X ride in it: <c>BitRowsProduct</c>), division by
    /// table lookup up to its borrows 5 (the "unchanged" test rides in its truncation); the borrows' B2A rides in the next
    /// distances round (<c>LloydCentroids</c>), and so does the last iteration's, in the round that opens its converged bit.
    /// </summary>
    [Fact]
    public void A_lloyd_iteration_on_mall_takes_eleven_rounds()
    {
        ReferenceCase reference = ReferenceCase.Load("kmeans_mall_k5");
        Assert.True(reference.NIter > 3, "the case must not converge within the runs below");
        long Rounds(int maxIter)
        {
            var spec = new JobSpec { Columns = ["x", "y"], K = 5, Init = InitMethod.Given, InitialCentroids = reference.Init, MaxIter = maxIter };
            var run = SecureRuns.Horizontal(21, spec, reference.FlatData, reference.N, reference.D, 100);
            Assert.Equal(maxIter, run.Party0.Iterations);
            return run.Rounds;
        }
        Assert.Equal(11, Rounds(3) - Rounds(2));
    }

    /// <summary>
    /// Mean-shift (n = 200 in [0,1]², R = 0.1): distances 1 (the pending "all stopped" bit rides), one comparison to bits 3
    /// (the last step's shift tests ride), its B2A with the window sums and the deactivation product 1, division by table
    /// lookup up to its borrows 5 (the "none active" test rides), moves with the squared shifts and the borrows folded in 1.
    /// </summary>
    [Fact]
    public void A_mean_shift_iteration_takes_eleven_rounds()
    {
        ReferenceCase reference = ReferenceCase.Load("meanshift_unit_square_r0.1");
        Assert.True(reference.NIter > 3, "the case must not converge within the runs below (MaxIter m runs m + 1 steps)");
        long Rounds(int maxIter)
        {
            var spec = new JobSpec
            {
                Algorithm = Algorithm.MeanShift, Columns = SecureRuns.ColumnNames(reference.D), Bandwidth = 0.1, Seeds = reference.Seeds,
                MaxIter = maxIter,
            };
            var run = SecureRuns.Horizontal(22, spec, reference.FlatData, reference.N, reference.D, 50);
            Assert.False(run.Party0.Converged);
            return run.Rounds;
        }
        Assert.Equal(11, Rounds(2) - Rounds(1));
    }
}
