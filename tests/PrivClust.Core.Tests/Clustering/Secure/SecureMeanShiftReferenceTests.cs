using PrivClust.Core.Clustering;
using PrivClust.Core.Tests.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Secure;

/// <summary>Secure mean-shift with given seeds against scikit-learn's MeanShift(bandwidth=R, seeds=S, bin_seeding=False).</summary>
public class SecureMeanShiftReferenceTests
{
    public static TheoryData<string> Cases => ReferenceCase.Names("meanshift");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Horizontal_matches_scikit_learn(string name)
    {
        ReferenceCase reference = ReferenceCase.Load(name);
        int n = reference.N, d = reference.D;
        var spec = new JobSpec
        {
            Algorithm = Algorithm.MeanShift, Columns = SecureRuns.ColumnNames(d), Bandwidth = reference.Params["bandwidth"].GetDouble(),
            Seeds = reference.Seeds, MaxIter = reference.MaxIter,
        };
        var run = SecureRuns.Horizontal(9, spec, reference.FlatData, n, d, n / 3);
        JobResult a = run.Party0, b = run.Party1;
        Assert.Equal(reference.Centroids.Length, a.K);
        ReferenceCase.AssertClose(reference.Centroids, a.Centroids.SelectMany(c => c).ToArray(), d, 1e-3 * reference.ColumnStd.Max());
        Assert.Equal(a.Centroids.SelectMany(c => c), b.Centroids.SelectMany(c => c));
        Assert.Equal(reference.Labels, a.OwnLabels.Concat(b.OwnLabels));
        Assert.Equal(reference.NIter, a.Iterations);
    }
}
