using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>
/// B2A of bits wanted partly in Z_2^64 and partly only in Z_2^32 (k-means' "changed" bits, which are only summed):
/// one round and one opening for all, 4 dealer bytes per narrow bit instead of 8, or K bits in Z_2^K.
/// </summary>
public class NarrowBitsToArithmeticTests
{
    [Theory]
    [InlineData(101, 300, 300, "random")]
    [InlineData(102, 64, 1, "random")]
    [InlineData(103, 1, 64, "random")]
    [InlineData(104, 77, 129, "zeros")]
    [InlineData(105, 130, 63, "ones")]
    [InlineData(106, 0, 70, "random")]
    [InlineData(107, 300, 300, "random", 19)]   // the narrow part in Z_2^19: 19 dealer bits a bit
    [InlineData(108, 77, 129, "ones", 2)]
    [InlineData(109, 64, 65, "random", 31)]
    public void Both_parts_reconstruct_exactly_in_one_round(int seed, int wide, int narrow, string pattern, int narrowWidth = 32)
    {
        var rng = new System.Random(seed);
        bool[] bit = Enumerable.Range(0, wide + narrow).Select(_ => pattern switch { "zeros" => false, "ones" => true, _ => rng.Next(2) == 1 }).ToArray();
        ulong[] packed = new ulong[PackedBits.Words(bit.Length)];
        for (int t = 0; t < bit.Length; t++)
        {
            packed[t >> 6] |= bit[t] ? 1UL << (t & 63) : 0;
        }
        // Junk above the last bit must not matter (nor be opened unmasked: OpeningPrivacyTests covers the masking).
        packed[^1] |= bit.Length % 64 == 0 ? 0 : ulong.MaxValue << (bit.Length % 64);
        var (z, run) = Shares.Compute((ulong)seed, [], (s, _) =>
        {
            // Binary shares of the bits: party 0 holds them, party 1 zeros (the protocol masks them anyway).
            ulong[] own = s.IsParty0 ? packed : new ulong[packed.Length];
            ulong[] w = new ulong[wide];
            uint[] m = new uint[narrow];
            Comparison.BitsToArithmetic<ulong>(s, own, w, m, narrowWidth);
            // The Z_2^K shares travel in the high bits so that the harness's Z_2^64 sum leaves Σ·2^(64 − K) there.
            return [.. w, .. m.Select(v => (ulong)v << (64 - narrowWidth))];
        });
        for (int t = 0; t < bit.Length; t++)
        {
            ulong expected = bit[t] ? 1UL : 0UL;
            Assert.True((t < wide ? expected : expected << (64 - narrowWidth)) == z[t], $"seed {seed}: bit {t} of {wide} + {narrow}");
        }
        Assert.Equal(1, run.Rounds);
        Assert.Equal(8L * packed.Length, run.BytesSent0);
        Assert.Equal(8L * wide + (narrowWidth == 32 ? 4L * narrow : 8L * ((narrow * narrowWidth + 63) / 64)), run.DealerBytes);
    }
}
