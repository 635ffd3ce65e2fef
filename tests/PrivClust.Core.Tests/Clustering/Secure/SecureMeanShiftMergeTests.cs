using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Secure;

/// <summary>
/// The oblivious merge against the plaintext twin on random data with many seeds: seeds merged into others, seeds
/// far from every row (dropped) at random ranks, and the kept centres moved to the front in size order.
/// </summary>
public class SecureMeanShiftMergeTests
{
    [Theory]
    [InlineData(101)]
    [InlineData(102)]
    [InlineData(103)]
    public void Merged_and_dropped_seeds_at_random_ranks_give_the_twins_centres(int seed)
    {
        var random = new System.Random(seed);
        const int n = 90, d = 2, seedCount = 12;
        double[] data = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            // Three tight groups, so that seeds started near the same group merge.
            int group = i % 3;
            data[i * d] = group * 2 + random.NextDouble() * 0.4;
            data[i * d + 1] = group * 0.5 + random.NextDouble() * 0.4;
        }
        double[] seeds = new double[seedCount * d];
        for (int s = 0; s < seedCount; s++)
        {
            bool far = random.NextDouble() < 0.25;
            seeds[s * d] = far ? 20 + s : data[random.Next(n) * d];
            seeds[s * d + 1] = far ? -20 : data[random.Next(n) * d + 1];
        }
        const double bandwidth = 0.6;
        MeanShiftResult twin = PlainMeanShift.Fit(data, n, d, seeds, seedCount, bandwidth);
        var spec = new JobSpec { Algorithm = Algorithm.MeanShift, Columns = SecureRuns.ColumnNames(d), Bandwidth = bandwidth, Seeds = Rows(seeds, seedCount, d) };

        var run = SecureRuns.Horizontal((ulong)seed, spec, data, n, d, n / 2);

        Assert.True(twin.ClusterCount < seedCount - 1, $"seed {seed}: the case should merge or drop seeds ({twin.ClusterCount} of {seedCount} kept)");
        Assert.Equal(twin.ClusterCount, run.Party0.K);
        double[] centres = run.Party0.Centroids.SelectMany(c => c).ToArray();
        for (int i = 0; i < centres.Length; i++)
        {
            Assert.True(Math.Abs(centres[i] - twin.Centroids[i]) < 1e-3, $"seed {seed}: centre value {i} is {centres[i]}, the twin's {twin.Centroids[i]}");
        }
        Assert.Equal(twin.Labels, run.Party0.OwnLabels.Concat(run.Party1.OwnLabels));
    }

    private static double[][] Rows(double[] flat, int rows, int d) =>
        Enumerable.Range(0, rows).Select(r => flat.AsSpan(r * d, d).ToArray()).ToArray();
}
