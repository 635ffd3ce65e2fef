using PrivClust.Core.Benchmarks;
using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Plaintext;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Tests.Clustering.Secure;

/// <summary>
/// Mean-shift beyond the table-lookup division's bound (n &gt; 4095 rows): the general division, finished before the
/// moves round (no borrows to fold), and windows compared in chunks, against the plaintext twin.
/// </summary>
public class SecureMeanShiftLargeTests
{
    [Fact]
    public void Above_the_lookup_bound_mean_shift_matches_the_plaintext_twin()
    {
        const int n = 4200;
        Assert.False(Division.UsesLookup(4, n));
        double[] data = SyntheticData.UnitSquare(n, 3, 0.05, seed: 31);
        JobResult a = RunAgainstTwin(32, data, n, [data[0..2], data[2..4], data[10..12], data[20..22]], maxIter: 300);
        Assert.True(a.Converged);
    }

    /// <summary>
    /// More windows than one comparison chunk (n·m &gt; <see cref="SecureMeanShift.WindowChunk"/>): the chunked comparison gives the
    /// twin's result (about 4 s in process).
    /// </summary>
    [Fact]
    public void Windows_compared_in_chunks_match_the_plaintext_twin()
    {
        const int n = 33_000, m = 32;
        Assert.True((long)n * m > SecureMeanShift.WindowChunk);
        double[] data = SyntheticData.UnitSquare(n, 8, 0.03, seed: 37);
        RunAgainstTwin(37, data, n, [.. Enumerable.Range(0, m).Select(i => data[(2 * 1031 * i % (2 * n))..][..2])], maxIter: 50);
    }

    /// <summary>Runs the job on shares (rows split in half, d = 2, R = 0.1) and asserts the twin's centres (within 1e-3), labels and iterations; returns party a's result.</summary>
    private static JobResult RunAgainstTwin(ulong seed, double[] data, int n, double[][] seeds, int maxIter)
    {
        const int d = 2;
        var spec = new JobSpec
        {
            Algorithm = Algorithm.MeanShift, Columns = SecureRuns.ColumnNames(d), Bandwidth = 0.1, Seeds = seeds, MaxIter = maxIter,
        };
        var run = SecureRuns.Horizontal(seed, spec, data, n, d, n / 2);
        MeanShiftResult plain = PlainMeanShift.Fit(data, n, d, [.. seeds.SelectMany(s => s)], seeds.Length, 0.1, maxIter);
        JobResult a = run.Party0, b = run.Party1;
        Assert.Equal(plain.ClusterCount, a.K);
        double[] centres = [.. a.Centroids.SelectMany(c => c)];
        for (int i = 0; i < centres.Length; i++)
        {
            Assert.True(Math.Abs(plain.Centroids[i] - centres[i]) <= 1e-3, $"seed {seed}, centre value {i}: plaintext {plain.Centroids[i]:R}, secure {centres[i]:R}");
        }
        Assert.Equal(plain.Labels, a.OwnLabels.Concat(b.OwnLabels));
        Assert.Equal(plain.Iterations, a.Iterations);
        return a;
    }
}
