using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

public class SelectionAndTournamentTests
{
    [Fact]
    public void Select_picks_x_or_y_in_one_round_and_16_bytes()
    {
        const ulong seed = 51;
        var rng = new System.Random(51);
        const int n = 10_000;
        ulong[] b = Enumerable.Range(0, n).Select(_ => (ulong)rng.Next(2)).ToArray();
        ulong[] x = Shares.RandomRing(rng, n), y = Shares.RandomRing(rng, n);
        var (z, run) = Shares.Compute(seed, [b, x, y], (s, v) =>
        {
            var r = new ulong[n];
            Selection.Select(s, v[0], v[1], v[2], r);
            return r;
        });
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(b[i] == 1 ? x[i] : y[i], z[i]);
        }
        Assert.Equal(1, run.Rounds);
        Assert.Equal(16L * n, run.BytesSent0);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 5)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(6, 3)]
    public void ArgMin_over_k_matches_numpy_argmin_with_ties_to_the_lowest_index(int seedBase, int k)
    {
        ulong seed = (ulong)(60 + seedBase);
        var rng = new System.Random((int)seed);
        const int rows = 2000;
        // Small range so that ties happen often; plus negative values.
        ulong[] values = Enumerable.Range(0, rows * k).Select(_ => (ulong)(long)rng.Next(-4, 5)).ToArray();
        var (outputs, run) = Shares.Compute(seed, [values], (s, v) =>
        {
            var oneHot = new ulong[rows * k];
            var min = new ulong[rows];
            Tournament.ArgMin(s, v[0], rows, k, oneHot, min);
            return [.. oneHot, .. min];
        });
        for (int r = 0; r < rows; r++)
        {
            long[] row = values.Skip(r * k).Take(k).Select(v => (long)v).ToArray();
            int arg = Array.IndexOf(row, row.Min());
            for (int c = 0; c < k; c++)
            {
                Assert.True(outputs[r * k + c] == (c == arg ? 1UL : 0UL), $"seed {seed}, row {r}: [{string.Join(",", row)}]");
            }
            Assert.Equal(row.Min(), (long)outputs[rows * k + r]);
        }
        int levels = k == 1 ? 0 : (int)Math.Ceiling(Math.Log2(k));
        // Per level: comparison to bits, then the winners' bit products with the path ANDs; one final B2A.
        Assert.Equal(levels == 0 ? 0 : (Budgets.ComparisonBits(rows * k / 2) + 1L) * levels + 1, run.Rounds);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    public void ArgMin_bits_without_the_minimum_skip_the_last_select_and_agree(int k)
    {
        ulong seed = (ulong)(70 + k);
        var rng = new System.Random((int)seed);
        const int rows = 1500;
        ulong[] values = Enumerable.Range(0, rows * k).Select(_ => (ulong)(long)rng.Next(-4, 5)).ToArray();
        Core.Harness.TwoPartyResult<ulong[]> TwoPartyResultFor(bool wantMinimum) => Shares.Compute(seed, [values], (s, v) =>
            Tournament.ArgMinBits(s, v[0], rows, k, wantMinimum ? new ulong[rows] : Span<ulong>.Empty)).Run;
        var with = TwoPartyResultFor(true);
        var without = TwoPartyResultFor(false);
        for (int r = 0; r < rows; r++)
        {
            long[] row = values.Skip(r * k).Take(k).Select(v => (long)v).ToArray();
            int arg = Array.IndexOf(row, row.Min());
            for (int c = 0; c < k; c++)
            {
                ulong bit = PackedBits.Get(without.Party0, r * k + c) ^ PackedBits.Get(without.Party1, r * k + c);
                Assert.True(bit == (c == arg ? 1UL : 0UL), $"seed {seed}, row {r}: [{string.Join(",", row)}]");
                Assert.Equal(PackedBits.Get(with.Party0, r * k + c) ^ PackedBits.Get(with.Party1, r * k + c), bit);
            }
        }
        // The last level's select (a bit-value triple per row: 16 dealer bytes, 8 bytes and a bit per party) is gone;
        // with k = 2 its round too (the path needs no AND at the first level).
        Assert.Equal(16L * rows, with.DealerBytes - without.DealerBytes);
        Assert.Equal(8L * rows + 8L * PackedBits.Words(rows), with.BytesSent0 - without.BytesSent0);
        Assert.Equal(k == 2 ? 1 : 0, with.Rounds - without.Rounds);
    }

    [Fact]
    public void ArgMax_over_one_long_segment()
    {
        const ulong seed = 70;
        var rng = new System.Random(70);
        const int n = 1001;
        ulong[] values = Enumerable.Range(0, n).Select(_ => (ulong)(long)rng.Next(-1_000_000, 1_000_000)).ToArray();
        values[17] = values[900] = (ulong)2_000_000; // a tie for the maximum: the first wins
        var (outputs, _) = Shares.Compute(seed, [values], (s, v) =>
        {
            var oneHot = new ulong[n];
            var max = new ulong[1];
            Tournament.ArgMax(s, v[0], 1, n, oneHot, max);
            return [.. oneHot, .. max];
        });
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(i == 17 ? 1UL : 0UL, outputs[i]);
        }
        Assert.Equal(2_000_000UL, outputs[n]);
    }

    [Fact]
    public void IsZero_on_the_whole_ring_and_on_non_negative_values()
    {
        const ulong seed = 71;
        var rng = new System.Random(71);
        ulong[] x = [.. Shares.RandomRing(rng, 5000), .. Enumerable.Repeat(0UL, 50), 1, ulong.MaxValue, 1UL << 63, (1UL << 63) + 1];
        var (z, run) = Shares.Compute(seed, [x], (s, v) =>
        {
            var r = new ulong[v[0].Length];
            Equality.IsZero(s, v[0], r);
            return r;
        });
        Assert.Equal(x.Select(v => v == 0 ? 1UL : 0UL), z);
        Assert.Equal(Budgets.ComparisonBits(2L * x.Length) + 2, run.Rounds);

        ulong[] counts = Enumerable.Range(0, 3000).Select(i => (ulong)(i % 7 == 0 ? 0 : rng.Next(1, int.MaxValue))).ToArray();
        var (zc, runC) = Shares.Compute(seed + 1, [counts], (s, v) =>
        {
            var r = new ulong[v[0].Length];
            Equality.IsZeroNonNegative(s, v[0], r);
            return r;
        });
        Assert.Equal(counts.Select(v => v == 0 ? 1UL : 0UL), zc);
        Assert.Equal(Budgets.Comparison(counts.Length), runC.Rounds);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void All_pairs_argmin_matches_numpy_argmin_in_fewer_rounds(int k)
    {
        ulong seed = (ulong)(75 + k);
        var rng = new System.Random((int)seed);
        const int rows = 1500;
        ulong[] values = Enumerable.Range(0, rows * k).Select(_ => (ulong)(long)rng.Next(-4, 5)).ToArray();
        var (s0, s1) = Shares.Split(values, rng);
        var run = Core.Harness.TwoPartyHarness.Run(seed,
            s => AllPairsArgMin.ArgMinBits(s, s0, rows, k),
            s => AllPairsArgMin.ArgMinBits(s, s1, rows, k));
        for (int r = 0; r < rows; r++)
        {
            long[] row = values.Skip(r * k).Take(k).Select(v => (long)v).ToArray();
            int arg = Array.IndexOf(row, row.Min());
            for (int c = 0; c < k; c++)
            {
                int at = r * k + c;
                ulong bit = ((run.Party0[at / 64] ^ run.Party1[at / 64]) >> (at % 64)) & 1;
                Assert.True(bit == (c == arg ? 1UL : 0UL), $"seed {seed}, row {r}: [{string.Join(",", row)}]");
            }
        }
        // The comparisons to bits, then a tree of 4-input AND gates over the k − 1 factors (2 factors: one 2-input gate).
        int andLevels = k switch { 2 => 0, <= 5 => 1, <= 17 => 2, _ => 3 };
        Assert.Equal(Budgets.ComparisonBits(rows * k * (k - 1) / 2) + andLevels, run.Rounds);
    }
}
