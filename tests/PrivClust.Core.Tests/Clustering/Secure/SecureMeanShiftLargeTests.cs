using PrivClust.Core.Benchmarks;
using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Plaintext;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Tests.Clustering.Secure;

/// <summary>
/// Mean-shift beyond the table-lookup division's bound (n &gt; 4095 rows): the general division, finished before the
/// moves round (no borrows to fold), against the plaintext twin.
/// </summary>
public class SecureMeanShiftLargeTests
{
    [Fact]
    public void Above_the_lookup_bound_mean_shift_matches_the_plaintext_twin()
    {
        const int n = 4200, d = 2;
        Assert.False(Division.UsesLookup(4, n));
        double[] data = SyntheticData.UnitSquare(n, 3, 0.05, seed: 31);
        double[][] seeds = [data[0..2], data[2..4], data[10..12], data[20..22]];
        var spec = new JobSpec
        {
            Algorithm = Algorithm.MeanShift, Columns = SecureRuns.ColumnNames(d), Bandwidth = 0.1, Seeds = seeds, MaxIter = 300,
        };
        var run = SecureRuns.Horizontal(32, spec, data, n, d, n / 2);
        MeanShiftResult plain = PlainMeanShift.Fit(data, n, d, [.. seeds.SelectMany(s => s)], seeds.Length, 0.1, 300);
        JobResult a = run.Party0, b = run.Party1;
        Assert.Equal(plain.ClusterCount, a.K);
        double[] centres = [.. a.Centroids.SelectMany(c => c)];
        for (int i = 0; i < centres.Length; i++)
        {
            Assert.True(Math.Abs(plain.Centroids[i] - centres[i]) <= 1e-3, $"centre value {i}: plaintext {plain.Centroids[i]:R}, secure {centres[i]:R}");
        }
        Assert.Equal(plain.Labels, a.OwnLabels.Concat(b.OwnLabels));
        Assert.True(a.Converged);
        Assert.Equal(plain.Iterations, a.Iterations);
    }
}
