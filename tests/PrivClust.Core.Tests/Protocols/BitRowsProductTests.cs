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
}
