using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>Division is exact: the result is ⌊S / m⌋ on raw values, never off by one.</summary>
public class DivisionTests
{
    private static long FloorDiv(long a, long b) => a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);

    private static void CheckSecret(ulong seed, ulong[] counts, long[] sums, int perCount, long maxCount = long.MaxValue, int tableBits = 0)
    {
        ulong[] s = sums.Select(v => (ulong)v).ToArray();
        var (z, run) = Shares.Compute(seed, [s, counts], (session, v) =>
        {
            var q = new ulong[v[0].Length];
            var flags = new ulong[v[1].Length];
            if (tableBits > 0)
            {
                LookupDivision.Divide(session, v[0], perCount, v[1], tableBits, q, flags, default, default, default);
            }
            else
            {
                Division.DivideByCount(session, v[0], perCount, v[1], q, flags, maxCount: maxCount);
            }
            return [.. q, .. flags];
        });
        for (int c = 0; c < counts.Length; c++)
        {
            long divisor = counts[c] == 0 ? 1 : (long)counts[c];
            for (int j = 0; j < perCount; j++)
            {
                long expected = FloorDiv(sums[c * perCount + j], divisor);
                Assert.True(expected == (long)z[c * perCount + j],
                    $"seed {seed}: {sums[c * perCount + j]} / {counts[c]} = {expected}, got {(long)z[c * perCount + j]}");
            }
            Assert.Equal(counts[c] == 0 ? 1UL : 0UL, z[sums.Length + c]);
        }
        int expectedRounds = tableBits > 0 ? Budgets.LookupDivision : Budgets.Division(counts.Length, perCount, 0, maxCount);
        Assert.Equal(expectedRounds, run.Rounds);
    }

    /// <summary>Random dividends whose quotient by count stays below 2^32 in magnitude.</summary>
    private static long[] Sums(System.Random rng, ulong[] counts, int perCount)
    {
        var sums = new long[counts.Length * perCount];
        for (int c = 0; c < counts.Length; c++)
        {
            long count = Math.Max(1, (long)counts[c]);
            long maxQuotient = Math.Min((1L << 32) - 1, (1L << 62) / count - 1);
            for (int j = 0; j < perCount; j++)
            {
                long q = rng.NextInt64(-maxQuotient, maxQuotient);
                sums[c * perCount + j] = q * count + rng.NextInt64(count);
            }
        }
        return sums;
    }

    [Fact]
    public void Every_count_up_to_ten_thousand()
    {
        var rng = new System.Random(91);
        ulong[] counts = Enumerable.Range(0, 10_001).Select(i => (ulong)i).ToArray();
        CheckSecret(91, counts, Sums(rng, counts, 2), 2);
    }

    [Fact]
    public void Random_counts_up_to_ten_million_and_edges()
    {
        var rng = new System.Random(92);
        ulong[] counts = [.. Enumerable.Range(0, 3000).Select(_ => (ulong)rng.NextInt64(10_001, 10_000_001)),
            10_000_000, (1UL << 29), (1UL << 30) - 1, (1UL << 29) - 1, 1, 0];
        CheckSecret(92, counts, Sums(rng, counts, 3), 3);
    }

    [Fact]
    public void Edges_of_the_dividend_zero_negative_exact_multiples()
    {
        ulong[] counts = [1, 2, 3, 7, 200, 200, 65536, 0];
        long[] sums = [0, -1, -3, 49, 200 * 4_000_000_000L, -200 * 4_000_000_000L, 65536L * ((1L << 32) - 1), 0];
        CheckSecret(93, counts, sums, 1);
    }

    [Fact]
    public void Division_by_a_public_integer_is_exact()
    {
        var rng = new System.Random(94);
        foreach (ulong m in new ulong[] { 1, 2, 3, 10, 200, 65537, 10_000_000, (1UL << 40) + 1 })
        {
            long[] x = [.. Enumerable.Range(0, 2000).Select(_ => rng.NextInt64(-(1L << 62) + 1, 1L << 62)), 0, -1, 1, (1L << 62) - 1, -(1L << 62) + 1];
            var (z, run) = Shares.Compute(94, [x.Select(v => (ulong)v).ToArray()], (s, v) =>
            {
                var q = new ulong[v[0].Length];
                Division.DivideByPublic(s, v[0], m, q);
                return q;
            });
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(FloorDiv(x[i], (long)m) == (long)z[i], $"{x[i]} / {m}: got {(long)z[i]}");
            }
            Assert.Equal(2 + Budgets.Comparison(4L * x.Length), run.Rounds);
        }
    }

    [Fact]
    public void A_fallback_replaces_the_quotient_of_an_empty_count_and_extra_sign_tests_ride_along()
    {
        ulong[] counts = [0, 3, 0, 200];
        long[] sums = [0, 0, 31, -7, 0, 0, 4000, -4000];
        long[] fallback = [123456, -98765, 1, -1, 5, 6, 7, 8];
        long[] extra = [-5, 0, 7, long.MinValue, long.MaxValue];
        var (z, run) = Shares.Compute(95, [sums.Select(v => (ulong)v).ToArray(), counts, fallback.Select(v => (ulong)v).ToArray(), extra.Select(v => (ulong)v).ToArray()],
            (session, v) =>
            {
                var q = new ulong[8];
                var flags = new ulong[4];
                var negative = new ulong[5];
                Division.DivideByCount(session, v[0], 2, v[1], q, flags, v[2], v[3], negative);
                return [.. q, .. flags, .. negative];
            });
        Assert.Equal(new long[] { 123456, -98765, 10, -3, 5, 6, 20, -20 }, z.Take(8).Select(v => (long)v));
        Assert.Equal(new ulong[] { 1, 0, 1, 0 }, z.Skip(8).Take(4));
        Assert.Equal(new ulong[] { 1, 0, 0, 1, 0 }, z.Skip(12));
        Assert.Equal(14, run.Rounds);
        Assert.Equal(Budgets.Division(4, 2, extra.Length), run.Rounds);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(200, 8)]
    [InlineData(255, 8)]
    [InlineData(1023, 10)]
    public void The_table_lookup_is_exact_for_every_count_up_to_its_bound(int maxCount, int bits)
    {
        Assert.Equal(bits, LookupDivision.TableBits(maxCount));
        var rng = new System.Random(96 + maxCount);
        ulong[] counts = Enumerable.Range(0, maxCount + 1).Select(i => (ulong)i).ToArray();
        CheckSecret(96, counts, Sums(rng, counts, 2), 2, tableBits: bits);
    }

    [Fact]
    public void The_widest_table_is_exact_at_its_edges_and_on_random_counts()
    {
        var rng = new System.Random(97);
        ulong[] counts = [0, 1, 2, 4094, 4095, .. Enumerable.Range(0, 27).Select(_ => (ulong)rng.NextInt64(4096))];
        long[] sums = Sums(rng, counts, 2);
        // The extremes of the quotient range: ±(2^32 − 1) with the largest and the smallest remainders.
        sums[2] = 4094L * ((1L << 32) - 1) + 4093;
        sums[3] = -4094L * ((1L << 32) - 1);
        sums[6] = 4095L * ((1L << 32) - 1) + 4094;
        sums[7] = -4095L * ((1L << 32) - 1);
        CheckSecret(97, counts, sums, 2, tableBits: Division.LookupMaxBits);
    }

    [Fact]
    public void A_small_public_bound_takes_the_lookup_a_big_one_the_general_division()
    {
        Assert.True(Division.UsesLookup(5, 200));
        Assert.True(Division.UsesLookup(4, 4095));
        Assert.False(Division.UsesLookup(5, 4095));     // 5 × 64 KiB of one-hot vectors
        Assert.False(Division.UsesLookup(5, 4096));
        Assert.False(Division.UsesLookup(5, long.MaxValue));
        var rng = new System.Random(98);
        ulong[] counts = [0, 1, 7, 199, 200, 100];
        CheckSecret(98, counts, Sums(rng, counts, 3), 3, maxCount: 200);
    }

    [Fact]
    public void The_lookup_keeps_the_fallback_and_the_extra_sign_tests()
    {
        ulong[] counts = [0, 3, 0, 200];
        long[] sums = [0, 0, 31, -7, 0, 0, 4000, -4000];
        long[] fallback = [(1L << 32) - 1, -(1L << 32) + 1, 1, -1, 0, -6, 7, 8];
        long[] extra = [-5, 0, 7, -(1L << 62) + 1, (1L << 62) - 1, -1];
        var (z, run) = Shares.Compute(99, [sums.Select(v => (ulong)v).ToArray(), counts, fallback.Select(v => (ulong)v).ToArray(), extra.Select(v => (ulong)v).ToArray()],
            (session, v) =>
            {
                var q = new ulong[8];
                var flags = new ulong[4];
                var negative = new ulong[6];
                Division.DivideByCount(session, v[0], 2, v[1], q, flags, v[2], v[3], negative, maxCount: 200);
                return [.. q, .. flags, .. negative];
            });
        Assert.Equal(new long[] { (1L << 32) - 1, -(1L << 32) + 1, 10, -3, 0, -6, 20, -20 }, z.Take(8).Select(v => (long)v));
        Assert.Equal(new ulong[] { 1, 0, 1, 0 }, z.Skip(8).Take(4));
        Assert.Equal(new ulong[] { 1, 0, 0, 1, 0, 1 }, z.Skip(12));
        Assert.Equal(6, run.Rounds);
        Assert.Equal(Budgets.Division(4, 2, extra.Length, 200), run.Rounds);
    }
}
