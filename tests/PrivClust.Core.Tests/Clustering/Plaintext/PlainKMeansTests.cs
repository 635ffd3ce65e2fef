using PrivClust.Core.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Plaintext;

public class PlainKMeansTests
{
    [Fact]
    public void EmptyClusterKeepsItsCentroid()
    {
        double[] data = [0, 1, 10, 11];
        KMeansResult result = PlainKMeans.Fit(data, 4, 1, [0.5, 10.5, 100], 3);

        Assert.Equal([0.5, 10.5, 100], result.Centroids);
        Assert.Equal([0, 0, 1, 1], result.Labels);
        Assert.Equal([2, 2, 0], result.ClusterSizes);
        Assert.Equal(2, result.Iterations); // step 1 assigns, step 2 finds no change
        Assert.True(result.Converged);
        Assert.Equal(1.0, result.Inertia);
    }

    [Fact]
    public void TieGoesToTheSmallestCentroidIndex()
    {
        double[] data = [0, 5, 10];
        KMeansResult result = PlainKMeans.Fit(data, 3, 1, [0, 10], 2);

        Assert.Equal([0, 0, 1], result.Labels);
        Assert.Equal([2.5, 10], result.Centroids);
        Assert.Equal(2, result.Iterations);
    }

    [Fact]
    public void StopsAtMaxIterationsWithLabelsOfTheFinalCentroids()
    {
        double[] data = [0, 1, 2, 3, 4, 5, 6, 7, 8, 20];
        KMeansResult full = PlainKMeans.Fit(data, 10, 1, [0, 1], 2);
        KMeansResult cut = PlainKMeans.Fit(data, 10, 1, [0, 1], 2, maxIterations: 1);

        Assert.True(full.Iterations > 2);
        Assert.Equal(1, cut.Iterations);
        Assert.False(cut.Converged);
        // After one step the centroids are 0 and the mean of 1..8, 20 (6.22…); the labels are recomputed
        // against those centroids, so rows 1..3 move to centroid 0.
        Assert.Equal([0.0, 56.0 / 9], cut.Centroids);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1, 1, 1], cut.Labels);
    }

    [Fact]
    public void MultiDimensionalRowsAreRowMajor()
    {
        double[] data = [0, 0, 0, 2, 10, 10, 10, 12];
        KMeansResult result = PlainKMeans.Fit(data, 4, 2, [0, 0, 10, 10], 2);

        Assert.Equal([0.0, 1, 10, 11], result.Centroids);
        Assert.Equal([0, 0, 1, 1], result.Labels);
        Assert.Equal(4.0, result.Inertia);
    }

    [Fact]
    public void FitBestKeepsTheLowestInertia()
    {
        double[] data = [0, 1, 10, 11, 20, 21];
        double[] poor = [0, 1, 2];
        double[] good = [0, 10, 20];

        KMeansResult best = PlainKMeans.FitBest(data, 6, 1, 3, [poor, good]);

        Assert.Equal([0.5, 10.5, 20.5], best.Centroids);
        Assert.Equal(1.5, best.Inertia);
        Assert.Equal(PlainKMeans.Fit(data, 6, 1, good, 3).Labels, best.Labels);
    }

    [Fact]
    public void FitBestNeedsAtLeastOneInit()
    {
        Assert.Throws<ArgumentException>(() => PlainKMeans.FitBest([0.0, 1], 2, 1, 1, []));
    }

    [Fact]
    public void RejectsBadShapesAndValues()
    {
        Assert.Throws<ArgumentException>(() => PlainKMeans.Fit([0.0, 1, 2], 2, 2, [0.0, 0], 1));
        Assert.Throws<ArgumentException>(() => PlainKMeans.Fit([0.0, double.NaN], 2, 1, [0.0], 1));
        Assert.Throws<ArgumentException>(() => PlainKMeans.Fit([0.0, 1], 2, 1, [0.0], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlainKMeans.Fit([0.0, 1], 2, 1, [0.0], 1, maxIterations: 0));
    }
}
