using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>b·x for binary-shared bits and arithmetic values: exact on the whole ring, one round, 8 bytes and a bit.</summary>
public class BitProductTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 63)]
    [InlineData(3, 64)]
    [InlineData(4, 65)]
    [InlineData(5, 10_000)]
    public void Bits_from_a_comparison_times_values_equal_the_plaintext_product(int seedBase, int n)
    {
        ulong seed = (ulong)(300 + seedBase);
        var rng = new System.Random((int)seed);
        ulong[] edges = [0, 1, ulong.MaxValue, 1UL << 63, (1UL << 63) - 1];
        ulong[] x = Shares.RandomRing(rng, n);
        ulong[] signs = Shares.RandomRing(rng, n);
        for (int i = 0; i < Math.Min(n, 2 * edges.Length); i++)
        {
            x[i] = edges[i % edges.Length];
            signs[i] = i < edges.Length ? ulong.MaxValue : 0; // both bit values on every edge
        }
        var (z, run) = Shares.Compute(seed, [signs, x], (s, v) =>
        {
            ulong[] bits = Comparison.LessThanZeroBits(s, v[0]);
            ulong[] r = new ulong[n];
            long before = s.Stats.Total.Rounds;
            BitProducts.Multiply(s, bits, v[1], r);
            Assert.Equal(before + 1, s.Stats.Total.Rounds);
            return r;
        });
        for (int i = 0; i < n; i++)
        {
            ulong expected = (long)signs[i] < 0 ? x[i] : 0;
            Assert.True(expected == z[i], $"element {i}: bit {(long)signs[i] < 0}, x {x[i]}: got {z[i]} (seed {seed})");
        }
    }

    [Fact]
    public void A_party_held_bit_vector_costs_8_bytes_per_value_plus_its_packed_bits()
    {
        const ulong seed = 311;
        const int n = 1000;
        var rng = new System.Random((int)seed);
        ulong[] x = Shares.RandomRing(rng, n);
        bool[] bit = Enumerable.Range(0, n).Select(_ => rng.Next(2) == 1).ToArray();
        ulong[] packed = new ulong[PackedBits.Words(n)];
        for (int i = 0; i < n; i++)
        {
            PackedBits.Set(packed, i, bit[i] ? 1UL : 0UL);
        }
        var (z, run) = Shares.Compute(seed, [x], (s, v) =>
        {
            ulong[] r = new ulong[n];
            // Party 0 holds the bits, party 1 holds zeros: a valid XOR sharing.
            BitProducts.Multiply(s, s.IsParty0 ? packed : new ulong[packed.Length], v[0], r);
            return r;
        });
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(bit[i] ? x[i] : 0, z[i]);
        }
        Assert.Equal(1, run.Rounds);
        Assert.Equal(8L * n + 8L * PackedBits.Words(n), run.BytesSent0);
    }
}
