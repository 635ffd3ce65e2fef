using System.Runtime.CompilerServices;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Bit-sliced layouts (local, public operations): plane j of a vector of values holds bit j of every value, element i
/// at bit i mod 64 of word i / 64 — the layout of the narrow comparison's circuit, where combining bit positions is
/// plane-wise and any width works. Also the dense packing of <c>bits</c>-wide fields on the wire.
/// </summary>
internal static class BitPlanes
{
    /// <summary>
    /// Planes 0 … <paramref name="bits"/> − 1 of <paramref name="values"/> into <paramref name="planes"/> (plane-major,
    /// <see cref="PackedBits.Words"/>(values.Length) words per plane; the bits above values.Length are zero).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(ReadOnlySpan<ulong> values, int bits, Span<ulong> planes)
    {
        int n = values.Length, words = PackedBits.Words(n);
        Span<ulong> block = stackalloc ulong[64];
        for (int w = 0; w < words; w++)
        {
            int start = w << 6, count = Math.Min(64, n - start);
            values.Slice(start, count).CopyTo(block);
            block[count..].Clear();
            Transpose64(block);
            for (int j = 0; j < bits; j++)
            {
                planes[j * words + w] = block[j];
            }
        }
    }

    /// <summary>
    /// Transposes a 64×64 bit matrix in place (row i = block[i], column j = bit j): the block-swap recursion on halves,
    /// quarters, … (Hacker's Delight §7-3, least significant bit first).
    /// </summary>
    public static void Transpose64(Span<ulong> block)
    {
        ulong mask = 0x0000_0000_FFFF_FFFFUL;
        for (int j = 32; j != 0; j >>= 1, mask ^= mask << j)
        {
            for (int k = 0; k < 64; k = (k + j + 1) & ~j)
            {
                ulong t = ((block[k] >> j) ^ block[k + j]) & mask;
                block[k] ^= t << j;
                block[k + j] ^= t;
            }
        }
    }

    /// <summary>Words of <paramref name="count"/> fields of <paramref name="bits"/> bits packed densely.</summary>
    public static int FieldWords(int count, int bits) => (int)(((long)count * bits + 63) >> 6);

    /// <summary>The low <paramref name="bits"/> bits (1 … 64) of each value, packed densely (value i at bit i·bits).</summary>
    public static void PackFields(ReadOnlySpan<ulong> values, int bits, Span<ulong> packed)
    {
        packed[..FieldWords(values.Length, bits)].Clear();
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        long at = 0;
        for (int i = 0; i < values.Length; i++, at += bits)
        {
            ulong v = values[i] & mask;
            int word = (int)(at >> 6), shift = (int)(at & 63);
            packed[word] |= v << shift;
            if (shift + bits > 64)
            {
                packed[word + 1] |= v >> (64 - shift);
            }
        }
    }

    /// <summary>values = (values + the packed fields) mod 2^<paramref name="bits"/>: a peer's packed shares added to this party's.</summary>
    public static void AddFields(ReadOnlySpan<ulong> packed, int bits, Span<ulong> values)
    {
        using var peerBuffer = new PooledBuffer<ulong>(values.Length);
        Span<ulong> peer = peerBuffer.Span;
        UnpackFields(packed, bits, peer);
        ulong low = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (values[i] + peer[i]) & low;
        }
    }

    /// <summary>The inverse of <see cref="PackFields"/>: <paramref name="values"/>.Length fields of <paramref name="bits"/> bits.</summary>
    public static void UnpackFields(ReadOnlySpan<ulong> packed, int bits, Span<ulong> values)
    {
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        long at = 0;
        for (int i = 0; i < values.Length; i++, at += bits)
        {
            int word = (int)(at >> 6), shift = (int)(at & 63);
            ulong v = packed[word] >> shift;
            if (shift + bits > 64)
            {
                v |= packed[word + 1] << (64 - shift);
            }
            values[i] = v & mask;
        }
    }
}
