using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>
/// The 4-ary borrow circuit of small comparison batches (≤ Comparison.FourAryLimit elements): exact on the whole ring,
/// 3 rounds to bits and 4 with B2A, and the 2-ary circuit beyond the limit (7 rounds with B2A, its first level local too).
/// </summary>
public class QuaternaryComparisonTests
{
    private static readonly long[] Edges =
    [
        0, 1, -1, 2, -2, long.MaxValue, long.MaxValue - 1, long.MinValue, long.MinValue + 1,
        1L << 62, (1L << 62) - 1, (1L << 62) + 1, -(1L << 62), -(1L << 62) - 1, -(1L << 62) + 1,
        (1L << 61) + (1L << 60), 15, 16, -16, 0xFFFF, 0x1_0000, -0x1_0000, 0x0FFF_FFFF_FFFF_FFFF, 0x7000_0000_0000_0000,
    ];

    private static (ulong[] Values, Core.Harness.TwoPartyResult<ulong[]> Run) Compare(ulong seed, ulong[] x) =>
        Shares.Compute(seed, [x], (s, v) =>
        {
            var r = new ulong[v[0].Length];
            Comparison.LessThanZero<ulong>(s, v[0], r);
            return r;
        });

    [Fact]
    public void Exact_on_thirty_thousand_random_values_and_the_edges_in_four_rounds()
    {
        var rng = new System.Random(143);
        // Uniform on the ring, small signed values (long runs of equal bits) and the edges: 32 027 values, not a multiple of 64.
        ulong[] x = [.. Shares.RandomRing(rng, 30_003), .. Shares.RandomSigned(rng, 2_000, 12, Edges)];
        Assert.True(x.Length <= Comparison.FourAryLimit && x.Length % 64 != 0);
        var (z, run) = Compare(143, x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(((long)x[i] < 0 ? 1UL : 0UL) == z[i], $"i {i}: x = {(long)x[i]}, got {z[i]}");
        }
        Assert.Equal(4, run.Rounds);
        Assert.Equal(run.BytesSent0, run.BytesSent1);
        // Online: c (8 B) + 7 bits at 4 groups and 6 bits at 1 group per element (4.25 B) + B2A (1/8 B).
        Assert.InRange((double)run.BytesSent0 / x.Length, 12.375, 12.4);
        // Dealer: r's bits (8 B), 11 nibble products (22 B), 22 + 15 mask products (11 + 1.875 B), daBit (8 B).
        Assert.InRange((double)run.DealerBytes / x.Length, 50.875, 50.9);
    }

    [Fact]
    public void Chunked_batches_are_exact_and_take_the_rounds_of_each_chunk()
    {
        var rng = new System.Random(2026);
        // 70 000 values in chunks of 33 000: two 2-ary chunks (7 rounds each) and a 4-ary one of 4 000 (4 rounds).
        ulong[] x = [.. Shares.RandomRing(rng, 60_000), .. Shares.RandomSigned(rng, 9_976, 20, Edges)];
        Assert.Equal(70_000, x.Length);
        var (z, run) = Shares.Compute(2026, [x], (s, v) =>
        {
            var r = new ulong[v[0].Length];
            Comparison.LessThanZeroInChunks<ulong>(s, v[0], r, 33_000);
            return r;
        });
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(((long)x[i] < 0 ? 1UL : 0UL) == z[i], $"seed 2026, i {i}: x = {(long)x[i]}, got {z[i]}");
        }
        Assert.Equal(7 + 7 + 4, run.Rounds);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(127)]
    [InlineData(129)]
    [InlineData(1000)]
    [InlineData(4097)]
    public void Binary_result_of_any_size_in_three_rounds(int n)
    {
        var rng = new System.Random(n);
        ulong[] x = [.. Shares.RandomRing(rng, n)];
        x[0] = (ulong)Edges[n % Edges.Length];
        var (s0, s1) = Shares.Split(x, rng);
        var run = Core.Harness.TwoPartyHarness.Run((ulong)n, s => Comparison.LessThanZeroBits(s, s0), s => Comparison.LessThanZeroBits(s, s1));
        for (int i = 0; i < n; i++)
        {
            ulong bit = ((run.Party0[i / 64] ^ run.Party1[i / 64]) >> (i % 64)) & 1;
            Assert.True(((long)x[i] < 0 ? 1UL : 0UL) == bit, $"n {n}, i {i}: x = {(long)x[i]}");
        }
        Assert.Equal(3, run.Rounds);
    }

    [Fact]
    public void The_limit_batch_takes_the_four_ary_circuit_and_one_more_element_the_binary_one()
    {
        var rng = new System.Random(144);
        foreach (int n in new[] { Comparison.FourAryLimit, Comparison.FourAryLimit + 1 })
        {
            ulong[] x = [.. Shares.RandomSigned(rng, n - Edges.Length, 63, Edges)];
            var (z, run) = Compare((ulong)n, x);
            Assert.Equal(x.Select(v => (long)v < 0 ? 1UL : 0UL), z);
            bool fourAry = n <= Comparison.FourAryLimit;
            Assert.Equal(fourAry ? 4 : 7, run.Rounds);
            // 4-ary: 12.375 B online, 50.875 B dealer; 2-ary: 8 + 11.5 + 0.125 = 19.625 B online, 8 + 4 + 7.625 + 8 = 27.625 B dealer.
            Assert.InRange((double)run.BytesSent0 / n, fourAry ? 12.375 : 19.625, fourAry ? 12.4 : 19.65);
            Assert.InRange((double)run.DealerBytes / n, fourAry ? 50.875 : 27.625, fourAry ? 50.9 : 27.65);
        }
    }
}
