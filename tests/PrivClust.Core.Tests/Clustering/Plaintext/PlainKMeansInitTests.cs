using PrivClust.Core.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Plaintext;

public class PlainKMeansInitTests
{
    private static Func<double> Sequence(params double[] values)
    {
        int next = 0;
        return () => values[next++];
    }

    [Fact]
    public void FarthestTakesTheRowFarthestFromItsNearestCentroid()
    {
        double[] data = [0, 1, 2, 10, 11, 20];
        Assert.Equal([0.0, 20, 10], PlainKMeansInit.Farthest(data, 6, 1, 3, firstRow: 0));
        Assert.Equal([11.0, 0, 20], PlainKMeansInit.Farthest(data, 6, 1, 3, firstRow: 4));
    }

    [Fact]
    public void FarthestBreaksTiesBySmallestRowIndex()
    {
        double[] data = [0, 0, -5, 0, 5, 0, 0, 5];
        Assert.Equal([0.0, 0, -5, 0], PlainKMeansInit.Farthest(data, 4, 2, 2, firstRow: 0));
    }

    [Fact]
    public void KMeansPlusPlusSamplesProportionallyToSquaredDistance()
    {
        double[] data = [0, 1, 3];
        // first: ⌊0.0·3⌋ = row 0; then D² = [0, 1, 9], total 10.
        Assert.Equal([0.0, 1], PlainKMeansInit.KMeansPlusPlus(data, 3, 1, 2, Sequence(0.0, 0.05)));
        Assert.Equal([0.0, 3], PlainKMeansInit.KMeansPlusPlus(data, 3, 1, 2, Sequence(0.0, 0.15)));
        // first: ⌊0.9·3⌋ = row 2; then D² = [9, 4, 0], target 0.99·13 = 12.87 → row 1.
        Assert.Equal([3.0, 1], PlainKMeansInit.KMeansPlusPlus(data, 3, 1, 2, Sequence(0.9, 0.99)));
    }

    [Fact]
    public void KMeansPlusPlusNeverPicksARowAtDistanceZero()
    {
        double[] data = [0, 0, 0, 10];
        Assert.Equal([0.0, 10], PlainKMeansInit.KMeansPlusPlus(data, 4, 1, 2, Sequence(0.0, 0.0)));
    }

    [Fact]
    public void KMeansPlusPlusWithSystemRandomIsReproducible()
    {
        double[] data = Enumerable.Range(0, 100).Select(i => (double)(i * i % 37)).ToArray();
        double[] a = PlainKMeansInit.KMeansPlusPlus(data, 50, 2, 4, new System.Random(5));
        double[] b = PlainKMeansInit.KMeansPlusPlus(data, 50, 2, 4, new System.Random(5));
        Assert.Equal(a, b);
        Assert.Equal(8, a.Length);
    }

    [Fact]
    public void UniformSourceOutsideTheUnitIntervalIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PlainKMeansInit.KMeansPlusPlus([0.0, 1], 2, 1, 1, () => 1.0));
    }

    [Fact]
    public void RandomRowsCopiesTheChosenRows()
    {
        double[] data = [0, 1, 2, 3, 4, 5];
        Assert.Equal([4.0, 5, 0, 1], PlainKMeansInit.RandomRows(data, 3, 2, [2, 0]));
        Assert.Throws<ArgumentException>(() => PlainKMeansInit.RandomRows(data, 3, 2, [1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlainKMeansInit.RandomRows(data, 3, 2, [3]));
    }

    [Fact]
    public void DrawDistinctRowsIsAPartialShuffle()
    {
        Assert.Equal([2, 1], PlainKMeansInit.DrawDistinctRows(3, 2, Sequence(0.9, 0.0))); // [0,1,2] → [2,1,0] → keep [2,1]
        int[] rows = PlainKMeansInit.DrawDistinctRows(1000, 50, new System.Random(1).NextDouble);
        Assert.Equal(50, rows.Distinct().Count());
        Assert.All(rows, r => Assert.InRange(r, 0, 999));
    }
}
