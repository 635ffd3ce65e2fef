using PrivClust.Core.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Plaintext;

public class PlainMeanShiftTests
{
    [Fact]
    public void WindowIncludesRowsAtExactlyTheBandwidth()
    {
        MeanShiftSeedResult climb = PlainMeanShift.ClimbSeed([0.0, 0.5, 2], 3, 1, [0.0], 0.5);
        Assert.Equal([0.25], climb.Position);
        Assert.Equal(2, climb.WindowSize);
        Assert.True(climb.Converged);
        Assert.Equal(1, climb.Iterations); // one non-final update, then a zero shift
    }

    [Fact]
    public void EqualWindowSizesAreOrderedByCoordinatesDescending()
    {
        double[] data = [0, 0.1, 10, 10.1];
        MeanShiftResult result = PlainMeanShift.Fit(data, 4, 1, [0.0, 10], 2, bandwidth: 1);

        Assert.Equal(2, result.ClusterCount);
        Assert.Equal(10.05, result.Centroids[0], 12);
        Assert.Equal(0.05, result.Centroids[1], 12);
        Assert.Equal([1, 1, 0, 0], result.Labels);
    }

    [Fact]
    public void CentreWithinBandwidthOfABiggerOneIsMerged()
    {
        // Seed 0 settles at 0.2 (window 0, 0, 0, 0.8); seed 1.5 settles at 1.15 (window 0.8, 1.5).
        // 1.15 is within 1 of 0.2 and its window is smaller, so it is dropped.
        double[] data = [0, 0, 0, 0.8, 1.5];
        MeanShiftResult result = PlainMeanShift.Fit(data, 5, 1, [0.0, 1.5], 2, bandwidth: 1.0);

        Assert.Equal(4, result.Seeds[0].WindowSize);
        Assert.Equal(1.15, result.Seeds[1].Position[0], 12);
        Assert.Equal(1, result.ClusterCount);
        Assert.Equal(0.2, result.Centroids[0], 12);
        Assert.Equal([0, 0, 0, 0, 0], result.Labels);
    }

    [Fact]
    public void IdenticalEndPositionsCollapse()
    {
        double[] data = [0, 1, 2];
        MeanShiftResult result = PlainMeanShift.Fit(data, 3, 1, [0.0, 2, 1], 3, bandwidth: 5);

        Assert.Equal([1.0], result.Centroids);
        Assert.True(result.Converged);
    }

    [Fact]
    public void AllSeedsDroppedIsAnError()
    {
        Assert.Throws<InvalidOperationException>(() => PlainMeanShift.Fit([0.0, 1], 2, 1, [100.0], 1, bandwidth: 1));
    }

    [Fact]
    public void RejectsBadParameters()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PlainMeanShift.Fit([0.0], 1, 1, [0.0], 1, bandwidth: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlainMeanShift.Fit([0.0], 1, 1, [0.0], 1, bandwidth: double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlainMeanShift.Fit([0.0], 1, 1, [0.0], 1, 1, maxIterations: -1));
        Assert.Throws<ArgumentException>(() => PlainMeanShift.Fit([0.0], 1, 1, [0.0, 1], 1, 1));
    }
}
