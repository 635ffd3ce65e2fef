using PrivClust.Core.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Plaintext;

/// <summary>PlainMeanShift against scikit-learn's MeanShift(bandwidth=R, seeds=S, bin_seeding=False).</summary>
public class PlainMeanShiftReferenceTests
{
    public static TheoryData<string> Cases => ReferenceCase.Names("meanshift");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesScikitLearn(string name)
    {
        ReferenceCase reference = ReferenceCase.Load(name);
        Assert.NotNull(reference.Seeds);
        double bandwidth = reference.Params["bandwidth"].GetDouble();

        MeanShiftResult result = PlainMeanShift.Fit(
            reference.FlatData, reference.N, reference.D, ReferenceCase.Flatten(reference.Seeds), reference.Seeds.Length,
            bandwidth, reference.MaxIter);

        Assert.Equal(reference.Centroids.Length, result.ClusterCount);
        ReferenceCase.AssertClose(reference.Centroids, result.Centroids, reference.D, reference.Tolerance);
        Assert.Equal(reference.Labels, result.Labels);
        Assert.Equal(reference.NIter, result.Iterations);
        Assert.Equal(result.Seeds.Where(s => !s.Dropped).All(s => s.Converged), result.Converged);
    }

    [Fact]
    public void SeedFarFromTheDataIsDropped()
    {
        ReferenceCase reference = ReferenceCase.Load("meanshift_unit_square_dropped_seed");
        MeanShiftResult result = PlainMeanShift.Fit(
            reference.FlatData, reference.N, reference.D, ReferenceCase.Flatten(reference.Seeds!), reference.Seeds!.Length, 0.1);

        MeanShiftSeedResult last = result.Seeds[^1];
        Assert.True(last.Dropped);
        Assert.Equal(0, last.WindowSize);
        Assert.Equal([3.0, 3.0], last.Position);
    }

    [Fact]
    public void MaxIterOneStopsBeforeConvergence()
    {
        ReferenceCase reference = ReferenceCase.Load("meanshift_unit_square_maxiter1");
        MeanShiftResult result = PlainMeanShift.Fit(
            reference.FlatData, reference.N, reference.D, ReferenceCase.Flatten(reference.Seeds!), reference.Seeds!.Length, 0.1, 1);

        Assert.Equal(1, result.Iterations);
        Assert.False(result.Converged);
    }
}
