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

    /// <summary>
    /// With the unit square declared (--value-bound 1) the window tests run on 37 bits instead of 64 (n·m above the 4-ary
    /// limit): the same result as the twin and as the whole-ring run, for fewer bytes.
    /// </summary>
    [Fact]
    public void Windows_compared_on_the_bits_of_a_declared_bound_match_the_plaintext_twin_for_fewer_bytes()
    {
        const int n = 2000, m = 20;
        Assert.True(n * m > Comparison.FourAryLimit);
        double[] data = SyntheticData.UnitSquare(n, 8, 0.03, seed: 37);
        double[][] seeds = [.. Enumerable.Range(0, m).Select(i => data[(2 * 1031 * i % (2 * n))..][..2])];
        JobResult whole = RunAgainstTwin(38, data, n, seeds, maxIter: 30);
        JobResult narrow = RunAgainstTwin(38, data, n, seeds, maxIter: 30, valueBound: 1);
        Assert.Equal(whole.Centroids, narrow.Centroids);
        Assert.Equal(whole.OwnLabels, narrow.OwnLabels);
        // Per iteration and party the comparisons send 11.0 B instead of 19.6 B per window, the sums' opening 29 bits instead of 64.
        Assert.True(narrow.BytesSent < whole.BytesSent - 10L * n * m * narrow.Iterations, $"narrow {narrow.BytesSent} B, whole ring {whole.BytesSent} B");
    }

    [Theory]
    [InlineData(1.0, 16, 2, null, 37)]
    [InlineData(1.0, 16, 8, null, 39)]
    [InlineData(1.0, 20, 2, null, 45)]
    [InlineData(0.0, 16, 2, null, 64)]
    [InlineData(1.0, 16, 2, 3.5, 40)]
    [InlineData(2e9, 16, 2, null, 64)]
    public void The_window_width_follows_from_the_public_bound_the_given_seeds_and_the_dimensions(double bound, int f, int d, double? seed, int bits)
    {
        var spec = new JobSpec
        {
            Algorithm = Algorithm.MeanShift, Columns = SecureRuns.ColumnNames(d), Bandwidth = 0.1, ValueBound = bound, FractionalBits = f,
            Seeds = seed is double s ? [Enumerable.Repeat(s, d).ToArray()] : null, Dust = seed is null ? 1 : 0,
        };
        var fp = new Core.Arithmetic.FixedPoint(f);
        var input = new PreparedInput([], [], 0, d, d, [], [.. Enumerable.Repeat((0.0, 1.0), d)], fp, double.MaxValue);
        Assert.Equal(bits, SecureMeanShift.WindowBits(fp, spec, input, d));
    }

    [Fact]
    public void Min_max_scaling_implies_the_unit_bound_and_a_declared_bound_wins()
    {
        Assert.Equal(double.PositiveInfinity, RangeGuard.Declared(new JobSpec()));
        Assert.Equal(double.PositiveInfinity, RangeGuard.Declared(new JobSpec { Scale = Scaling.Standard }));
        Assert.Equal(1.0, RangeGuard.Declared(new JobSpec { Scale = Scaling.MinMax }));
        Assert.Equal(2.5, RangeGuard.Declared(new JobSpec { Scale = Scaling.MinMax, ValueBound = 2.5 }));
        Assert.Equal(0.5, RangeGuard.Declared(new JobSpec { ValueBound = 0.5 }));
    }

    [Theory]
    [InlineData(1.0, 16, 100_000, 35)]
    [InlineData(1.0, 16, 2_000, 29)]
    [InlineData(0.0, 16, 100_000, 64)]
    [InlineData(1e9, 16, 100_000, 64)]
    public void The_sums_width_follows_from_the_bound_and_the_rows(double bound, int f, int rows, int bits)
    {
        var spec = new JobSpec { Algorithm = Algorithm.MeanShift, Columns = SecureRuns.ColumnNames(2), Bandwidth = 0.1, ValueBound = bound, Dust = 1 };
        var fp = new Core.Arithmetic.FixedPoint(f);
        Assert.Equal(bits, SecureMeanShift.SumBits(fp, spec, rows));
    }

    /// <summary>Runs the job on shares (rows split in half, d = 2, R = 0.1) and asserts the twin's centres (within 1e-3), labels and iterations; returns party a's result.</summary>
    private static JobResult RunAgainstTwin(ulong seed, double[] data, int n, double[][] seeds, int maxIter, double valueBound = 0)
    {
        const int d = 2;
        var spec = new JobSpec
        {
            Algorithm = Algorithm.MeanShift, Columns = SecureRuns.ColumnNames(d), Bandwidth = 0.1, Seeds = seeds, MaxIter = maxIter,
            ValueBound = valueBound,
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
