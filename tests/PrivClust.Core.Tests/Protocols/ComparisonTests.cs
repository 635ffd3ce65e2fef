using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>Exact comparison with zero on the whole ring, within the DESIGN §4 budget (≤ 8 rounds, ≤ 48 bytes).</summary>
public class ComparisonTests
{
    private static readonly long[] Edges = [0, 1, -1, 2, -2, long.MaxValue, long.MinValue, long.MinValue + 1, 1L << 62, -(1L << 62), 65536, -65536];

    [Theory]
    [InlineData(41UL, 10_000)]
    [InlineData(42UL, 1_000_000)]
    public void Less_than_zero_is_exact_on_the_whole_ring(ulong seed, int count)
    {
        var rng = new System.Random((int)seed);
        ulong[] x = Shares.RandomRing(rng, count).Concat(Shares.RandomSigned(rng, count / 10, 20, Edges)).ToArray();
        var (z, run) = Shares.Compute(seed, [x], (s, v) =>
        {
            var r = new ulong[v[0].Length];
            Comparison.LessThanZero<ulong>(s, v[0], r);
            return r;
        });
        for (int i = 0; i < x.Length; i++)
        {
            ulong expected = (long)x[i] < 0 ? 1UL : 0UL;
            Assert.True(expected == z[i], $"seed {seed}, i {i}: x = {(long)x[i]}, got {z[i]}");
        }
        Assert.InRange(run.Rounds, 1, 8);
        double bytesPerElement = (double)run.BytesSent0 / x.Length;
        Assert.InRange(bytesPerElement, 1, 48);
        Assert.Equal(run.BytesSent0, run.BytesSent1);
    }

    [Fact]
    public void Small_batches_and_single_values_work()
    {
        for (int n = 1; n <= 130; n += 43)
        {
            var rng = new System.Random(n);
            ulong[] x = Shares.RandomSigned(rng, n, 30);
            var (z, _) = Shares.Compute((ulong)n, [x], (s, v) =>
            {
                var r = new ulong[v[0].Length];
                Comparison.LessThanZero<ulong>(s, v[0], r);
                return r;
            });
            Assert.Equal(x.Select(v => (long)v < 0 ? 1UL : 0UL), z);
        }
    }
}
