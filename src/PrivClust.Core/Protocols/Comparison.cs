using System.Numerics;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Exact comparison with zero for every x in Z_2^64 (the sign bit of x in two's complement), dealer-assisted.
/// <list type="number">
/// <item>Round 1: open c = x + r for the dealer's uniform r, whose bits the parties hold in binary shares.
/// Then msb(x) = c₆₃ ⊕ r₆₃ ⊕ [c mod 2^63 &lt; r mod 2^63].</item>
/// <item>Rounds 2–7: the borrow [c' &lt; r'] by a log-depth prefix circuit over (generate, propagate) pairs,
/// g = r ∧ ¬c, p = ¬(r ⊕ c); combining (hi, lo) gives (g_hi ⊕ p_hi∧g_lo, p_hi∧p_lo): two AND gates sharing
/// p_hi, on words packed densely (each level halves the bits per element and the words).</item>
/// <item>Round 8 (optional): B2A with a daBit.</item>
/// </list>
/// Online bytes per element per party: 8 (c) + 23.5 (AND gates) + 0.125 (B2A) ≈ 31.6.
/// </summary>
public static class Comparison
{
    private const ulong Low63 = (1UL << 63) - 1;

    /// <summary>Binary shares, packed 64 per word, of [x &lt; 0] for each element of x: 7 rounds.</summary>
    public static ulong[] LessThanZeroBits(PartySession session, ReadOnlySpan<ulong> x)
    {
        int n = x.Length;
        using var scratch = new PooledBuffer<ulong>(3 * n);
        Span<ulong> r = scratch.Span[..n], rBits = scratch.Span.Slice(n, n), c = scratch.Span.Slice(2 * n, n);
        session.Correlations.ComparisonMasks(r, rBits);
        Open(session, x, r, c);
        bool p0 = session.IsParty0;
        using var generatePropagate = new PooledBuffer<ulong>(2 * n);
        Span<ulong> g = generatePropagate.Span[..n], p = generatePropagate.Span[n..];
        for (int i = 0; i < n; i++)
        {
            g[i] = rBits[i] & ~c[i] & Low63;
            ulong pi = p0 ? rBits[i] ^ ~c[i] : rBits[i];
            p[i] = p0 ? pi | ~Low63 : pi & Low63;
        }
        ulong[] borrow = PrefixBorrow(session, g, p);
        int words = PackedBits.Words(n);
        ulong[] rTop = new ulong[words], cTop = new ulong[words];
        PackedBits.GatherBit(rBits, 63, rTop);
        PackedBits.GatherBit(c, 63, cTop);
        for (int w = 0; w < words; w++)
        {
            borrow[w] ^= rTop[w] ^ (p0 ? cTop[w] : 0);
        }
        return borrow;
    }

    /// <summary>Arithmetic 0/1 shares in T of [x &lt; 0]: 8 rounds.</summary>
    public static void LessThanZero<T>(PartySession session, ReadOnlySpan<ulong> x, Span<T> z) where T : unmanaged, IBinaryInteger<T>
    {
        ulong[] bits = LessThanZeroBits(session, x);
        BitsToArithmetic(session, bits, z);
    }

    /// <summary>
    /// B2A: converts binary shares of bits (packed, z.Length of them) to arithmetic 0/1 shares in T with a
    /// daBit each: open e = bit ⊕ b, then bit = e + b − 2·e·b. One round, one bit per element.
    /// </summary>
    public static void BitsToArithmetic<T>(PartySession session, ReadOnlySpan<ulong> bits, Span<T> z) where T : unmanaged, IBinaryInteger<T>
    {
        int n = z.Length;
        int words = PackedBits.Words(n);
        using var wordBuffer = new PooledBuffer<ulong>(3 * words);
        using var daBuffer = new PooledBuffer<T>(n);
        Span<ulong> daBinary = wordBuffer.Span[..words], masked = wordBuffer.Span.Slice(words, words), e = wordBuffer.Span[(2 * words)..];
        Span<T> daArithmetic = daBuffer.Span;
        session.Correlations.DaBits<T>(daBinary, daArithmetic);
        for (int w = 0; w < words; w++)
        {
            masked[w] = bits[w] ^ daBinary[w];
        }
        Sharing.OpenBits(session, masked, e, OpeningKind.Masked, "b2a e");
        bool p0 = session.IsParty0;
        for (int i = 0; i < n; i++)
        {
            bool bit = PackedBits.Get(e, i) == 1;
            z[i] = bit ? (p0 ? T.One : T.Zero) - daArithmetic[i] : daArithmetic[i];
        }
    }

    /// <summary>Round 1: c = x + r, opened.</summary>
    private static void Open(PartySession session, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> r, Span<ulong> c)
    {
        using var masked = new PooledBuffer<ulong>(x.Length);
        Arithmetic.Ring.Add(x, r, masked.Span);
        Sharing.Open<ulong>(session, masked.Span, c, OpeningKind.Masked, "comparison c");
    }

    /// <summary>The borrow out of 64-bit (g, p) words, one element per word in, one bit per element out.</summary>
    private static ulong[] PrefixBorrow(PartySession session, ReadOnlySpan<ulong> g, ReadOnlySpan<ulong> p)
    {
        int first = (g.Length + 1) / 2;
        // Per level: hiG, loG, hiP, loP, t1, t2 (m words each, m halving), and the level's (g, p) for the next one.
        using var work = new PooledBuffer<ulong>(6 * first);
        using var state = new PooledBuffer<ulong>(2 * first);
        for (int width = 64; width > 1; width >>= 1)
        {
            int m = (g.Length + 1) / 2;
            Span<ulong> w = work.Span;
            Span<ulong> hiG = w[..m], loG = w.Slice(first, m), hiP = w.Slice(2 * first, m), loP = w.Slice(3 * first, m);
            Span<ulong> t1 = w.Slice(4 * first, m), t2 = w.Slice(5 * first, m);
            for (int j = 0; j < m; j++)
            {
                int a = 2 * j, b = 2 * j + 1;
                ulong gb = b < g.Length ? g[b] : 0, pb = b < p.Length ? p[b] : 0;
                hiG[j] = PackedBits.CompressOdd(g[a]) | PackedBits.CompressOdd(gb) << 32;
                loG[j] = PackedBits.CompressEven(g[a]) | PackedBits.CompressEven(gb) << 32;
                hiP[j] = PackedBits.CompressOdd(p[a]) | PackedBits.CompressOdd(pb) << 32;
                loP[j] = PackedBits.CompressEven(p[a]) | PackedBits.CompressEven(pb) << 32;
            }
            bool last = width == 2;
            BinaryGates.And(session, hiP, loG, t1, last ? ReadOnlySpan<ulong>.Empty : loP, last ? Span<ulong>.Empty : t2);
            Span<ulong> nextG = state.Span[..m], nextP = state.Span.Slice(first, last ? 0 : m);
            for (int j = 0; j < m; j++)
            {
                nextG[j] = hiG[j] ^ t1[j];
            }
            t2[..nextP.Length].CopyTo(nextP);
            g = nextG;
            p = nextP;
        }
        return g.ToArray();
    }
}
