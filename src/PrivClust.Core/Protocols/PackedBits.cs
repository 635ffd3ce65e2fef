using System.Runtime.CompilerServices;

namespace PrivClust.Core.Protocols;

/// <summary>Bit manipulation on packed words (local, public operations).</summary>
internal static class PackedBits
{
    public const ulong EvenBits = 0x5555_5555_5555_5555;

    public static int Words(int bits) => (bits + 63) >> 6;

    public static ulong Get(ReadOnlySpan<ulong> words, int index) => (words[index >> 6] >> (index & 63)) & 1;

    public static void Set(Span<ulong> words, int index, ulong bit) => words[index >> 6] |= (bit & 1) << (index & 63);

    /// <summary>
    /// Bits [<paramref name="from"/>, from + count) of <paramref name="source"/> into bits [0, count) of
    /// <paramref name="destination"/> (at least <see cref="Words"/>(count) words); the bits above count are cleared.
    /// </summary>
    public static void Extract(ReadOnlySpan<ulong> source, int from, int count, Span<ulong> destination)
    {
        int words = Words(count), first = from >> 6, shift = from & 63;
        for (int w = 0; w < words; w++)
        {
            ulong low = source[first + w] >> shift;
            ulong high = shift == 0 || first + w + 1 >= source.Length ? 0 : source[first + w + 1] << (64 - shift);
            destination[w] = low | high;
        }
        ClearAbove(destination, count);
    }

    /// <summary>
    /// ORs bits [0, count) of <paramref name="source"/> into bits [at, at + count) of <paramref name="destination"/>,
    /// which must be clear there (bits of source above count are ignored).
    /// </summary>
    public static void Deposit(ReadOnlySpan<ulong> source, int count, Span<ulong> destination, int at)
    {
        int words = Words(count), first = at >> 6, shift = at & 63;
        for (int w = 0; w < words; w++)
        {
            ulong v = source[w];
            if (w == words - 1 && (count & 63) != 0)
            {
                v &= (1UL << (count & 63)) - 1;
            }
            destination[first + w] |= v << shift;
            if (shift != 0 && first + w + 1 < destination.Length)
            {
                destination[first + w + 1] |= v >> (64 - shift);
            }
        }
    }

    /// <summary>
    /// ORs the first <paramref name="take"/> bits of each of <paramref name="groups"/> consecutive groups of
    /// <paramref name="size"/> bits of <paramref name="source"/> (bits [g·size, g·size + take)) into bits
    /// [at + g·take, at + (g + 1)·take) of <paramref name="destination"/>, which must be clear there.
    /// </summary>
    public static void DepositGroupPrefixes(ReadOnlySpan<ulong> source, int groups, int size, int take, Span<ulong> destination, int at)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, size);
        for (int g = 0; g < groups; g++)
        {
            for (int piece = 0; piece < take; piece += 63)
            {
                int length = Math.Min(63, take - piece);
                WriteBits(destination, at + g * take + piece, ReadBits(source, g * size + piece, length), length);
            }
        }
    }

    /// <summary>The <paramref name="length"/> (≤ 63) bits of <paramref name="words"/> from bit <paramref name="from"/>, low first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadBits(ReadOnlySpan<ulong> words, int from, int length)
    {
        int word = from >> 6, shift = from & 63;
        ulong v = words[word] >> shift;
        if (shift + length > 64)
        {
            v |= words[word + 1] << (64 - shift);
        }
        return v & ((1UL << length) - 1);
    }

    /// <summary>ORs the <paramref name="length"/> (≤ 63) low bits of <paramref name="bits"/> into <paramref name="words"/> from bit <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteBits(Span<ulong> words, int at, ulong bits, int length)
    {
        int word = at >> 6, shift = at & 63;
        words[word] |= bits << shift;
        if (shift + length > 64)
        {
            words[word + 1] |= bits >> (64 - shift);
        }
    }

    /// <summary>Clears the bits at and above <paramref name="count"/> in the word that holds bit count − 1, and the words after it.</summary>
    public static void ClearAbove(Span<ulong> words, int count)
    {
        int full = Words(count);
        if ((count & 63) != 0)
        {
            words[full - 1] &= (1UL << (count & 63)) - 1;
        }
        words[full..].Clear();
    }

    /// <summary>Gathers the even-position bits of x into the low 32 bits, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CompressEven(ulong x)
    {
        if (System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported)
        {
            return System.Runtime.Intrinsics.X86.Bmi2.X64.ParallelBitExtract(x, EvenBits);
        }
        x &= EvenBits;
        x = (x | (x >> 1)) & 0x3333_3333_3333_3333;
        x = (x | (x >> 2)) & 0x0F0F_0F0F_0F0F_0F0F;
        x = (x | (x >> 4)) & 0x00FF_00FF_00FF_00FF;
        x = (x | (x >> 8)) & 0x0000_FFFF_0000_FFFF;
        return (x | (x >> 16)) & 0x0000_0000_FFFF_FFFF;
    }

    /// <summary>Gathers the odd-position bits of x into the low 32 bits, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CompressOdd(ulong x) => CompressEven(x >> 1);

    /// <summary>Bit i of the result is bit <paramref name="position"/> of values[i].</summary>
    public static void GatherBit(ReadOnlySpan<ulong> values, int position, Span<ulong> packed)
    {
        packed.Clear();
        for (int i = 0; i < values.Length; i++)
        {
            packed[i >> 6] |= ((values[i] >> position) & 1) << (i & 63);
        }
    }

    /// <summary>Pair word w of values: bit j is the AND of bits 2j + 1 and 2j of values[2w], bit 32 + j the same of values[2w + 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong PairProducts(ReadOnlySpan<ulong> values, int w)
    {
        ulong a = values[2 * w], b = 2 * w + 1 < values.Length ? values[2 * w + 1] : 0;
        return (CompressOdd(a) & CompressEven(a)) | (CompressOdd(b) & CompressEven(b)) << 32;
    }

    /// <summary>Pair word w of values: the odd-position (hi) or even-position (lo) bits of values[2w] and values[2w + 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong PairHalves(ReadOnlySpan<ulong> values, int w, bool odd)
    {
        ulong a = values[2 * w], b = 2 * w + 1 < values.Length ? values[2 * w + 1] : 0;
        return odd ? CompressOdd(a) | CompressOdd(b) << 32 : CompressEven(a) | CompressEven(b) << 32;
    }

    /// <summary>
    /// Bit-slices 4-bit groups: word k of <paramref name="plane"/> holds, at bit 16·q + j, bit 4j + <paramref name="position"/>
    /// of source word 4k + q (zero past the end of the source). Linear, so it applies to XOR-shares as to values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GatherNibblePosition(ReadOnlySpan<ulong> source, int position, Span<ulong> plane)
    {
        for (int k = 0; k < plane.Length; k++)
        {
            ulong word = 0;
            for (int q = 0, at = 4 * k; q < 4 && at < source.Length; q++, at++)
            {
                word |= EveryFourth(source[at] >> position) << (16 * q);
            }
            plane[k] = word;
        }
    }

    /// <summary>Gathers bits 0, 4, 8, …, 60 of x into the low 16 bits, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EveryFourth(ulong x)
    {
        const ulong mask = 0x1111_1111_1111_1111;
        if (System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported)
        {
            return System.Runtime.Intrinsics.X86.Bmi2.X64.ParallelBitExtract(x, mask);
        }
        x &= mask;
        x = (x | (x >> 3)) & 0x0303_0303_0303_0303;
        x = (x | (x >> 6)) & 0x000F_000F_000F_000F;
        x = (x | (x >> 12)) & 0x0000_00FF_0000_00FF;
        return (x | (x >> 24)) & 0xFFFF;
    }
}
