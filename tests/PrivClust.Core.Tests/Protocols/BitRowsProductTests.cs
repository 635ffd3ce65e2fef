using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>B2A of bits laid over a fixed matrix's rows, with their product with it, in one round (k-means' sums).</summary>
public class BitRowsProductTests
{
    [Theory]
    [InlineData(91, "random")]
    [InlineData(92, "zeros")]
    [InlineData(93, "ones")]
    public void The_bits_and_their_product_with_the_fixed_matrix_reconstruct_exactly(int seed, string pattern)
    {
        const int n = 300, d = 3, perRow = 4, plain = 77;
        var rng = new System.Random(seed);
        ulong[] x = Shares.RandomRing(rng, n * d);
        bool[] bit = Enumerable.Range(0, n * perRow + plain).Select(_ => pattern switch { "zeros" => false, "ones" => true, _ => rng.Next(2) == 1 }).ToArray();
        ulong[] packed = new ulong[PackedBits.Words(bit.Length)];
        for (int t = 0; t < bit.Length; t++)
        {
            packed[t >> 6] |= bit[t] ? 1UL << (t & 63) : 0;
        }
        var (z, run) = Shares.Compute((ulong)seed, [x], (s, v) =>
        {
            var fixedX = FixedMatrix.Create(s, v[0], n, d);
            // Binary shares of the bits: party 0 holds them, party 1 zeros (the protocol masks them anyway).
            ulong[] own = s.IsParty0 ? packed : new ulong[packed.Length];
            ulong[] arithmetic = new ulong[bit.Length], product = new ulong[perRow * d];
            BitRowsProduct.BitsToArithmetic(s, own, perRow, fixedX, arithmetic, product);
            return [.. arithmetic, .. product];
        });
        ulong[] expected = new ulong[perRow * d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < perRow; j++)
            {
                for (int l = 0; l < d; l++)
                {
                    expected[j * d + l] += bit[i * perRow + j] ? x[i * d + l] : 0;
                }
            }
        }
        Assert.True(bit.Select(b => b ? 1UL : 0UL).SequenceEqual(z[..bit.Length]), $"seed {seed}: the bits");
        Assert.Equal(expected, z[bit.Length..]);
        Assert.Equal(2, run.Rounds); // X's mask opening, then the one B2A round
        Assert.Equal(8L * n * d + 8L * packed.Length, run.BytesSent0);
    }

    [Fact]
    public void With_bit_products_in_the_same_round_both_reconstruct_exactly()
    {
        const int n = 120, d = 2, perRow = 3, m = 50;
        var rng = new System.Random(94);
        ulong[] x = Shares.RandomRing(rng, n * d), values = Shares.RandomRing(rng, m);
        bool[] laid = Enumerable.Range(0, n * perRow).Select(_ => rng.Next(2) == 1).ToArray();
        bool[] other = Enumerable.Range(0, m).Select(_ => rng.Next(2) == 1).ToArray();
        ulong[] Pack(bool[] bits)
        {
            ulong[] words = new ulong[PackedBits.Words(bits.Length)];
            for (int t = 0; t < bits.Length; t++)
            {
                words[t >> 6] |= bits[t] ? 1UL << (t & 63) : 0;
            }
            return words;
        }
        ulong[] laidPacked = Pack(laid), otherPacked = Pack(other);
        var (z, run) = Shares.Compute(94, [x, values], (s, v) =>
        {
            var fixedX = FixedMatrix.Create(s, v[0], n, d);
            ulong[] arithmetic = new ulong[laid.Length], sums = new ulong[perRow * d], products = new ulong[m];
            CombinedRound.BitRowsAndBitProducts(s, s.IsParty0 ? laidPacked : new ulong[laidPacked.Length], perRow, fixedX, arithmetic, sums,
                s.IsParty0 ? otherPacked : new ulong[otherPacked.Length], v[1], products);
            return [.. arithmetic, .. sums, .. products];
        });
        ulong[] expectedSums = new ulong[perRow * d];
        for (int t = 0; t < laid.Length; t++)
        {
            for (int l = 0; l < d; l++)
            {
                expectedSums[t % perRow * d + l] += laid[t] ? x[t / perRow * d + l] : 0;
            }
        }
        Assert.Equal(laid.Select(b => b ? 1UL : 0UL), z[..laid.Length]);
        Assert.Equal(expectedSums, z[laid.Length..(laid.Length + perRow * d)]);
        Assert.Equal(other.Select((b, i) => b ? values[i] : 0UL), z[(laid.Length + perRow * d)..]);
        Assert.Equal(2, run.Rounds); // X's mask opening, then one round for both
    }
}
