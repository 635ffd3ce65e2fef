using PrivClust.Core.Protocols;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>The bit-sliced layout and the dense field packing of the narrow comparison, against naive loops.</summary>
public class BitPlanesTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(64, 64)]
    [InlineData(65, 37)]
    [InlineData(200, 2)]
    [InlineData(1000, 63)]
    public void Transpose_puts_bit_j_of_element_i_at_bit_i_of_plane_j(int n, int bits)
    {
        var rng = new System.Random(n * 100 + bits);
        ulong[] values = Support.Shares.RandomRing(rng, n);
        int words = (n + 63) / 64;
        ulong[] planes = Enumerable.Repeat(ulong.MaxValue, bits * words).ToArray();
        BitPlanes.Transpose(values, bits, planes);
        for (int j = 0; j < bits; j++)
        {
            for (int i = 0; i < 64 * words; i++)
            {
                ulong expected = i < n ? (values[i] >> j) & 1 : 0;
                Assert.True(expected == ((planes[j * words + i / 64] >> (i % 64)) & 1), $"n {n}, bits {bits}: plane {j}, element {i}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(32)]
    [InlineData(37)]
    [InlineData(63)]
    [InlineData(64)]
    public void Fields_pack_densely_and_unpack_to_their_low_bits(int bits)
    {
        var rng = new System.Random(bits);
        ulong[] values = Support.Shares.RandomRing(rng, 1001);
        ulong[] packed = Enumerable.Repeat(ulong.MaxValue, BitPlanes.FieldWords(values.Length, bits)).ToArray();
        Assert.Equal((1001L * bits + 63) / 64, packed.Length);
        BitPlanes.PackFields(values, bits, packed);
        ulong[] back = new ulong[values.Length];
        BitPlanes.UnpackFields(packed, bits, back);
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        Assert.Equal(values.Select(v => v & mask), back);
    }
}
