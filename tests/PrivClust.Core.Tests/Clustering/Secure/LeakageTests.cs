using PrivClust.Core.Clustering;
using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Clustering.Plaintext;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Clustering.Secure;

/// <summary>
/// Records every value a party opens during whole jobs: the only clear openings are the documented outputs
/// (converged bits, centroids; for mean-shift also the number of centres), and every other opening is masked.
/// </summary>
public class LeakageTests
{
    [Fact]
    public void KMeans_job_opens_only_converged_bits_and_centroids()
    {
        ReferenceCase reference = ReferenceCase.Load("kmeans_mall_k5");
        var spec = new JobSpec
        {
            Algorithm = Algorithm.KMeans, Columns = SecureRuns.ColumnNames(reference.D), K = 5, Init = InitMethod.Farthest, MaxIter = 300,
        };
        var observer = new RecordingObserver();
        var run = SecureRuns.Horizontal(11, spec, reference.FlatData, reference.N, reference.D, 100, observer);
        var outputs = observer.Outputs.ToList();
        int iterations = run.Party0.Iterations;
        Assert.Equal(iterations - 1, outputs.Count(o => o.What == "converged"));
        Assert.All(outputs.Where(o => o.What == "converged"), o => Assert.Single(o.Values));
        var centroids = Assert.Single(outputs, o => o.What == "centroids");
        Assert.Equal(5 * reference.D, centroids.Values.Length);
        Assert.Equal(iterations, outputs.Count);
        Assert.True(observer.Masked.Count() > 10_000);
    }

    [Fact]
    public void MeanShift_job_opens_only_converged_bits_the_centre_count_and_centres()
    {
        ReferenceCase reference = ReferenceCase.Load("meanshift_unit_square_r0.1");
        var spec = new JobSpec
        {
            Algorithm = Algorithm.MeanShift, Columns = SecureRuns.ColumnNames(reference.D), Bandwidth = 0.1, Seeds = reference.Seeds,
        };
        var observer = new RecordingObserver();
        var run = SecureRuns.Horizontal(12, spec, reference.FlatData, reference.N, reference.D, 50, observer);
        var outputs = observer.Outputs.ToList();
        // One bit per move; the moves are scikit-learn's n_iter_ (completed iterations) and the stopping one.
        Assert.Equal(run.Party0.Iterations + 1, outputs.Count(o => o.What == "converged"));
        Assert.Equal((ulong)run.Party0.K, Assert.Single(Assert.Single(outputs, o => o.What == "centre count").Values));
        Assert.Equal(run.Party0.K * reference.D, Assert.Single(outputs, o => o.What == "centroids").Values.Length);
        Assert.Equal(run.Party0.Iterations + 3, outputs.Count);
    }

    [Fact]
    public void Masked_openings_of_a_whole_job_are_uniform_and_distinct()
    {
        ReferenceCase reference = ReferenceCase.Load("kmeans_blobs_d2_n200_k4");
        var spec = new JobSpec { Algorithm = Algorithm.KMeans, Columns = SecureRuns.ColumnNames(2), K = 4, Init = InitMethod.Farthest };
        var observer = new RecordingObserver();
        SecureRuns.Horizontal(13, spec, reference.FlatData, reference.N, reference.D, 80, observer);
        ulong[] masked = observer.Masked.ToArray();
        Assert.Equal(masked.Length, masked.Distinct().Count());
        var bins = new long[256];
        foreach (ulong v in masked)
        {
            bins[v >> 56]++;
        }
        double expected = masked.Length / 256.0;
        double chi2 = bins.Sum(b => (b - expected) * (b - expected) / expected);
        Assert.True(chi2 < 330, $"chi-square {chi2:F1} over {masked.Length} openings (seed 13)");
        Assert.DoesNotContain(observer.Openings, o => o.Kind == OpeningKind.Output && o.What is not ("converged" or "centroids"));
    }
}
