using PrivClust.Core.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Plaintext;

/// <summary>PlainKMeans against scikit-learn's KMeans(init=C, n_init=1, algorithm="lloyd", tol=0).</summary>
public class PlainKMeansReferenceTests
{
    public static TheoryData<string> Cases => ReferenceCase.Names("kmeans");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesScikitLearn(string name)
    {
        ReferenceCase reference = ReferenceCase.Load(name);
        Assert.NotNull(reference.Init);
        int k = reference.Init.Length;

        KMeansResult result = PlainKMeans.Fit(reference.FlatData, reference.N, reference.D, ReferenceCase.Flatten(reference.Init), k, reference.MaxIter);

        Assert.Equal(reference.Labels, result.Labels);
        ReferenceCase.AssertClose(reference.Centroids, result.Centroids, reference.D, reference.Tolerance);
        Assert.Equal(reference.NIter, result.Iterations);
        Assert.Equal(reference.NIter < reference.MaxIter || IsFixedPoint(reference), result.Converged);
        Assert.Equal(reference.Inertia!.Value, result.Inertia, 1e-9 * reference.Inertia.Value);
        Assert.Equal(reference.N, result.ClusterSizes.Sum());
        Assert.All(result.ClusterSizes, size => Assert.True(size > 0));
    }

    [Fact]
    public void ReferenceCasesCoverEveryShape()
    {
        Assert.True(((IEnumerable<object[]>)Cases).Count() >= 6);
    }

    /// <summary>A run that converged exactly at max-iter (the last step changed nothing).</summary>
    private static bool IsFixedPoint(ReferenceCase reference)
    {
        KMeansResult once = PlainKMeans.Fit(reference.FlatData, reference.N, reference.D, ReferenceCase.Flatten(reference.Init!), reference.Init!.Length, reference.MaxIter + 1);
        return once.Iterations == reference.MaxIter;
    }
}
