using PrivClust.Core.Clustering;
using PrivClust.Core.Tests.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Secure;

/// <summary>Secure k-means with given init against scikit-learn: identical labels, centroids within 1e-3·max std.</summary>
public class SecureKMeansReferenceTests
{
    public static TheoryData<string> Cases => ReferenceCase.Names("kmeans");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Horizontal_matches_scikit_learn(string name)
    {
        ReferenceCase reference = ReferenceCase.Load(name);
        int n = reference.N, d = reference.D;
        var spec = new JobSpec
        {
            Algorithm = Algorithm.KMeans, Columns = SecureRuns.ColumnNames(d), K = reference.Init!.Length,
            Init = InitMethod.Given, InitialCentroids = reference.Init, MaxIter = reference.MaxIter,
        };
        var run = SecureRuns.Horizontal(7, spec, reference.FlatData, n, d, n / 2);
        JobResult a = run.Party0, b = run.Party1;
        ReferenceCase.AssertClose(reference.Centroids, a.Centroids.SelectMany(c => c).ToArray(), d, 1e-3 * reference.ColumnStd.Max());
        Assert.Equal(a.Centroids.SelectMany(c => c), b.Centroids.SelectMany(c => c));
        Assert.Equal(reference.Labels, a.OwnLabels.Concat(b.OwnLabels));
        Assert.Equal(reference.NIter, a.Iterations);
        Assert.Equal(a.Iterations, a.ConvergedBits.Count);
    }

    [Fact]
    public void Vertical_with_shuffled_rows_matches_horizontal()
    {
        ReferenceCase reference = ReferenceCase.Load("kmeans_blobs_d3_n1000_k5");
        int n = reference.N, d = reference.D;
        var spec = new JobSpec
        {
            Algorithm = Algorithm.KMeans, Partition = Partition.Vertical, IdColumn = "id", Columns = SecureRuns.ColumnNames(d),
            K = reference.Init!.Length, Init = InitMethod.Given, InitialCentroids = reference.Init,
        };
        int[] order = Enumerable.Range(0, n).OrderBy(i => (i * 7919) % n).ToArray();
        var run = SecureRuns.Vertical(8, spec, reference.FlatData, n, d, 1, order);
        ReferenceCase.AssertClose(reference.Centroids, run.Party0.Centroids.SelectMany(c => c).ToArray(), d, 1e-3 * reference.ColumnStd.Max());
        Assert.Equal(reference.Labels, run.Party0.OwnLabels);
        Assert.Equal(order.Select(i => reference.Labels[i]), run.Party1.OwnLabels);
    }
}
