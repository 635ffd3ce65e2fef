using PrivClust.Core.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Plaintext;

public class ElbowKneeTests
{
    [Fact]
    public void FindsThePointFarthestBelowTheChord()
    {
        Assert.Equal(3, ElbowKnee.FindKnee(1, [100, 50, 20, 15, 12, 10]));
        Assert.Equal(5, ElbowKnee.FindKnee(3, [100, 50, 20, 15, 12, 10]));
    }

    [Fact]
    public void NoKneeOnLinesFlatOrShortCurves()
    {
        Assert.Null(ElbowKnee.FindKnee(1, [4, 3, 2, 1]));
        Assert.Null(ElbowKnee.FindKnee(1, [7, 7, 7]));
        Assert.Null(ElbowKnee.FindKnee(1, [9, 1]));
        Assert.Null(ElbowKnee.FindKnee(1, [10, 9, 5, 0])); // concave: above the chord
    }

    [Fact]
    public void TiesGoToTheSmallestK()
    {
        // Normalised y = [1, 0, 0, 1], chord y = 1: distances [0, 1, 1, 0].
        Assert.Equal(2, ElbowKnee.FindKnee(1, [4, 1, 1, 4]) ?? -1);
    }

    [Fact]
    public void RejectsNonFiniteLosses()
    {
        Assert.Throws<ArgumentException>(() => ElbowKnee.FindKnee(1, [3, double.NaN, 1]));
    }

    [Fact]
    public void MallCustomersKneeIsFive()
    {
        var mall = PrivClust.Core.Data.CsvDataset.Load(Path.Combine(AppContext.BaseDirectory, "data", "mall_customers.csv"),
            ["Annual Income (k$)", "Spending Score (1-100)"]);
        var random = new System.Random(2024);
        var losses = new List<double>();
        for (int k = 1; k <= 10; k++)
        {
            IEnumerable<double[]> inits = Enumerable.Range(0, 10)
                .Select(_ => PlainKMeansInit.KMeansPlusPlus(mall.Values, mall.RowCount, 2, k, random))
                .ToList();
            losses.Add(PlainKMeans.FitBest(mall.Values, mall.RowCount, 2, k, inits).Inertia);
        }
        Assert.Equal(5, ElbowKnee.FindKnee(1, losses));
    }
}
