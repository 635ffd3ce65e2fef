using System.Numerics;
using System.Runtime.CompilerServices;
using PrivClust.Core.Correlations;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Exact comparison with zero for every x in Z_2^64 (the sign bit of x in two's complement), dealer-assisted.
/// <list type="number">
/// <item>Round 1: open c = x + r for the dealer's uniform r, whose bits the parties hold in binary shares.
/// Then msb(x) = c₆₃ ⊕ r₆₃ ⊕ [c mod 2^63 &lt; r mod 2^63].</item>
/// <item>The borrow [c' &lt; r'] by a prefix circuit over (generate, propagate) pairs, g = r ∧ ¬c, p = ¬(r ⊕ c).
/// Small batches (≤ <see cref="FourAryLimit"/>): the 4-ary circuit of <see cref="QuaternaryBorrow"/>, rounds 2–3 (its
/// first level is local, from the dealer's products of r's bits). Big batches: the 2-ary circuit, rounds 2–6: combining
/// (hi, lo) gives (g_hi ⊕ p_hi∧g_lo, p_hi∧p_lo), two AND gates sharing p_hi, on words packed densely (each level halves
/// the bits per element and the words); its first level is local too, from the dealer's products of r's bit pairs.</item>
/// <item>Last round (optional): B2A with a daBit.</item>
/// </list>
/// Online bytes per element per party: 8 (c) + 4.25 (4-ary) or 11.5 (2-ary) + 0.125 (B2A).
/// </summary>
public static class Comparison
{
    private const ulong Low63 = (1UL << 63) - 1;

    /// <summary>
    /// Batches of at most this many elements take the 4-ary borrow circuit (<see cref="QuaternaryBorrow"/>: 3 rounds to
    /// binary, 4 with B2A; online 12.25 B, dealer 42.875 B per element); bigger ones the 2-ary circuit (6 rounds, 7 with B2A;
    /// online 19.5 B, dealer 19.625 B). Small batches are latency-bound, so they save rounds; big ones are bound by the
    /// CPU that three processes on two cores spend per byte (all links together: 75.6 B against 66.9 B per comparison),
    /// so they take the lighter circuit: at 2^15 the 4-ary circuit's extra 0.75 MB cost about what its 3 rounds save
    /// (stop 13: blobs-1e5, whose levels of 10^5 comparisons moved to the 2-ary circuit, −6 %; it was 2^17).
    /// </summary>
    public const int FourAryLimit = 1 << 15;

    /// <summary>Binary shares, packed 64 per word, of [x &lt; 0] for each element of x: 3 rounds (≤ <see cref="FourAryLimit"/> elements) or 6.</summary>
    public static ulong[] LessThanZeroBits(PartySession session, ReadOnlySpan<ulong> x) =>
        LessThanZeroBits(session, x, ReadOnlySpan<ulong>.Empty, Span<ulong>.Empty);

    /// <summary>
    /// <see cref="LessThanZeroBits(PartySession, ReadOnlySpan{ulong})"/> with independent masked values of another protocol
    /// (<paramref name="rider"/>, this party's shares) opened in the same first round into <paramref name="riderOpened"/>.
    /// </summary>
    internal static ulong[] LessThanZeroBits(PartySession session, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> rider, Span<ulong> riderOpened)
    {
        int n = x.Length;
        bool fourAry = n <= FourAryLimit;
        using var scratch = new PooledBuffer<ulong>(3 * n);
        Span<ulong> r = scratch.Span[..n], rBits = scratch.Span.Slice(n, n), c = scratch.Span.Slice(2 * n, n);
        using var productBuffer = new PooledBuffer<ulong>(fourAry ? MonomialShape.Four.Products.Length * CorrelationRequest.NibblePlaneWords(n) : (n + 1) / 2);
        Span<ulong> products = productBuffer.Span;
        if (fourAry)
        {
            session.Correlations.NibbleComparisonMasks(r, rBits, products);
        }
        else
        {
            session.Correlations.PairComparisonMasks(r, rBits, products);
        }
        Open(session, x, r, c, rider, riderOpened);
        ulong[] borrow = fourAry ? QuaternaryBorrow.Borrow(session, rBits, c, products) : BinaryBorrow(session, rBits, c, products);
        int words = PackedBits.Words(n);
        ulong[] rTop = new ulong[words], cTop = new ulong[words];
        PackedBits.GatherBit(rBits, 63, rTop);
        PackedBits.GatherBit(c, 63, cTop);
        bool p0 = session.IsParty0;
        for (int w = 0; w < words; w++)
        {
            borrow[w] ^= rTop[w] ^ (p0 ? cTop[w] : 0);
        }
        return borrow;
    }

    /// <summary>
    /// The borrow [c mod 2^63 &lt; r mod 2^63] by the 2-ary circuit: 5 rounds. Its first level (64 → 32 pairs per
    /// element) is local: with x = r's hi bit, y = its lo bit, a = 1 except at position 63, ¬c public (c's bit 63
    /// cleared), g_hi = a∧x∧¬c_hi, p_hi = a∧x ⊕ ¬c_hi, g_lo = y∧¬c_lo, p_lo = y ⊕ ¬c_lo, so
    /// G = g_hi ⊕ p_hi∧g_lo = g_hi ⊕ a∧¬c_lo∧[xy] ⊕ ¬c_hi∧¬c_lo∧y and P = p_hi∧p_lo = a∧[xy] ⊕ a∧¬c_lo∧x ⊕ ¬c_hi∧y ⊕ ¬c_hi∧¬c_lo,
    /// with the dealer's shares of the pair products [xy] (<see cref="CorrelationKind.PairComparisonMask"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong[] BinaryBorrow(PartySession session, ReadOnlySpan<ulong> rBits, ReadOnlySpan<ulong> c, ReadOnlySpan<ulong> pairProducts)
    {
        const ulong notTop = ~0x8000_0000_8000_0000UL;      // position 63 is bit 31 of each element's pair word
        int n = c.Length, m = (n + 1) / 2;
        ulong own = session.IsParty0 ? ulong.MaxValue : 0;
        using var publicBuffer = new PooledBuffer<ulong>(n);
        Span<ulong> cLow = publicBuffer.Span;
        for (int i = 0; i < n; i++)
        {
            cLow[i] = c[i] & Low63;
        }
        using var pairs = new PooledBuffer<ulong>(2 * m);
        Span<ulong> g = pairs.Span[..m], p = pairs.Span[m..];
        for (int w = 0; w < m; w++)
        {
            ulong x = PackedBits.PairHalves(rBits, w, odd: true), y = PackedBits.PairHalves(rBits, w, odd: false);
            ulong notHi = ~PackedBits.PairHalves(cLow, w, odd: true), notLo = ~PackedBits.PairHalves(cLow, w, odd: false);
            ulong xy = pairProducts[w];
            g[w] = (x & notHi & notTop) ^ (notTop & notLo & xy) ^ (notHi & notLo & y);
            p[w] = (notTop & xy) ^ (notTop & notLo & x) ^ (notHi & y) ^ (own & notHi & notLo);
        }
        return PrefixBorrow(session, g, p, width: 32);
    }

    /// <summary>Binary shares of [x ≥ 0]: the negation of <see cref="LessThanZeroBits(PartySession, ReadOnlySpan{ulong})"/> (party 0 flips its share).</summary>
    public static ulong[] AtLeastZeroBits(PartySession session, ReadOnlySpan<ulong> x)
    {
        ulong[] bits = LessThanZeroBits(session, x);
        if (session.IsParty0)
        {
            for (int w = 0; w < bits.Length; w++)
            {
                bits[w] = ~bits[w];
            }
        }
        return bits;
    }

    /// <summary>Arithmetic 0/1 shares in T of [x &lt; 0]: 4 rounds (≤ <see cref="FourAryLimit"/> elements) or 7.</summary>
    public static void LessThanZero<T>(PartySession session, ReadOnlySpan<ulong> x, Span<T> z) where T : unmanaged, IBinaryInteger<T> =>
        LessThanZero(session, x, z, ReadOnlySpan<ulong>.Empty, Span<ulong>.Empty);

    /// <summary>
    /// <see cref="LessThanZero{T}(PartySession, ReadOnlySpan{ulong}, Span{T})"/> over consecutive batches of at most
    /// <paramref name="chunk"/> elements, one after the other: the circuit's working memory at both parties and the dealer's
    /// answers are bounded by the chunk (meanshift-1e5, 3.2·10^6 elements in chunks of 2^20: party b's peak 956 → 581 MB),
    /// for 7 rounds per chunk instead of 7 in all (4 for a chunk of at most <see cref="FourAryLimit"/>). Results are those of
    /// one batch, and so are the bytes up to each chunk's packed bits rounding up to whole words. With <paramref name="bits"/>
    /// below 64 every chunk is compared in Z_2^bits (<see cref="NarrowComparison"/>: every x within ±2^(bits−1)).
    /// </summary>
    public static void LessThanZeroInChunks<T>(PartySession session, ReadOnlySpan<ulong> x, Span<T> z, int chunk, int bits = 64)
        where T : unmanaged, IBinaryInteger<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        for (int start = 0; start < x.Length; start += chunk)
        {
            int length = Math.Min(chunk, x.Length - start);
            if (bits < 64)
            {
                NarrowComparison.LessThanZero(session, x.Slice(start, length), z.Slice(start, length), bits);
            }
            else
            {
                LessThanZero(session, x.Slice(start, length), z.Slice(start, length));
            }
        }
    }

    /// <summary><see cref="LessThanZero{T}(PartySession, ReadOnlySpan{ulong}, Span{T})"/> with a rider in its first round.</summary>
    internal static void LessThanZero<T>(PartySession session, ReadOnlySpan<ulong> x, Span<T> z, ReadOnlySpan<ulong> rider, Span<ulong> riderOpened)
        where T : unmanaged, IBinaryInteger<T>
    {
        ulong[] bits = LessThanZeroBits(session, x, rider, riderOpened);
        BitsToArithmetic(session, bits, z);
    }

    /// <summary>
    /// B2A: converts binary shares of bits (packed, z.Length of them) to arithmetic 0/1 shares in T with a
    /// daBit each: open e = bit ⊕ b, then bit = e + b − 2·e·b. One round, one bit per element.
    /// </summary>
    public static void BitsToArithmetic<T>(PartySession session, ReadOnlySpan<ulong> bits, Span<T> z) where T : unmanaged, IBinaryInteger<T> =>
        BitsToArithmetic(session, bits, z, Span<uint>.Empty);

    /// <summary>
    /// B2A of bits of which the first <paramref name="wide"/>.Length are wanted in T and the rest only in Z_2^32 (bits that
    /// are merely summed into a count below 2^32): one round, one opening for all; a narrow bit costs the dealer 4 bytes
    /// instead of 8, or <paramref name="narrowWidth"/> bits when the count stays below 2^(narrowWidth − 1) (then only the
    /// low narrowWidth bits of <paramref name="narrow"/> are shares).
    /// </summary>
    public static void BitsToArithmetic<T>(PartySession session, ReadOnlySpan<ulong> bits, Span<T> wide, Span<uint> narrow, int narrowWidth = 32)
        where T : unmanaged, IBinaryInteger<T>
    {
        int n = wide.Length + narrow.Length, words = PackedBits.Words(n), wideWords = PackedBits.Words(wide.Length);
        using var wordBuffer = new PooledBuffer<ulong>(3 * words + wideWords + PackedBits.Words(narrow.Length));
        using var wideBuffer = new PooledBuffer<T>(wide.Length);
        using var narrowBuffer = new PooledBuffer<uint>(narrow.Length);
        Span<ulong> daBinary = wordBuffer.Span[..words], masked = wordBuffer.Span.Slice(words, words), e = wordBuffer.Span.Slice(2 * words, words);
        Span<ulong> wideBits = wordBuffer.Span.Slice(3 * words, wideWords), narrowBits = wordBuffer.Span[(3 * words + wideWords)..];
        if (narrow.IsEmpty)
        {
            session.Correlations.DaBits<T>(daBinary, wideBuffer.Span);
        }
        else
        {
            session.Correlations.DaBits<T>(wideBits, wideBuffer.Span);
            if (narrowWidth < 32)
            {
                session.Correlations.NarrowDaBits(narrowWidth, narrowBits, narrowBuffer.Span);
            }
            else
            {
                session.Correlations.DaBits<uint>(narrowBits, narrowBuffer.Span);
            }
            daBinary.Clear();
            PackedBits.Deposit(wideBits, wide.Length, daBinary, 0);
            // The daBits' random bits fill the last word too, so that nothing of bits above n is opened unmasked.
            PackedBits.Deposit(narrowBits, Math.Min(64 * narrowBits.Length, 64 * words - wide.Length), daBinary, wide.Length);
        }
        for (int w = 0; w < words; w++)
        {
            masked[w] = bits[w] ^ daBinary[w];
        }
        Sharing.OpenBits(session, masked, e, OpeningKind.Masked, "b2a e");
        Unmask(session.IsParty0, e, 0, wideBuffer.Span, wide);
        Unmask(session.IsParty0, e, wide.Length, narrowBuffer.Span, narrow);
    }

    /// <summary>
    /// z[i] = e + b − 2·e·b for the opened bit e at <paramref name="offset"/> + i and the daBit's arithmetic share b:
    /// b + e·(1 − 2b) for party 0, b − 2·e·b for party 1 — branch-free, since the opened bits are uniformly random.
    /// </summary>
    private static void Unmask<T>(bool party0, ReadOnlySpan<ulong> e, int offset, ReadOnlySpan<T> daArithmetic, Span<T> z) where T : unmanaged, IBinaryInteger<T>
    {
        T one = party0 ? T.One : T.Zero;
        for (int i = 0; i < z.Length; i++)
        {
            T bit = T.CreateTruncating(PackedBits.Get(e, offset + i));
            T b = daArithmetic[i];
            z[i] = b + bit * (one - b - b);
        }
    }

    /// <summary>Round 1: c = x + r, opened, with the rider's masked values after it.</summary>
    private static void Open(PartySession session, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> r, Span<ulong> c,
        ReadOnlySpan<ulong> rider, Span<ulong> riderOpened)
    {
        int n = x.Length;
        using var masked = new PooledBuffer<ulong>(n + rider.Length);
        using var opened = new PooledBuffer<ulong>(n + rider.Length);
        Arithmetic.Ring.Add(x, r, masked.Span[..n]);
        rider.CopyTo(masked.Span[n..]);
        Sharing.Open<ulong>(session, masked.Span, opened.Span, OpeningKind.Masked, "comparison c");
        opened.Span[..n].CopyTo(c);
        opened.Span[n..].CopyTo(riderOpened);
    }

    /// <summary>
    /// The borrow out of (g, p) words packed densely, <paramref name="width"/> bits per element, one bit per element out.
    /// Each level's six working vectors share one pooled buffer, given back once the next level has read it.
    /// </summary>
    private static ulong[] PrefixBorrow(PartySession session, ReadOnlySpan<ulong> g, ReadOnlySpan<ulong> p, int width)
    {
        PooledBuffer<ulong>? held = null;
        for (; width > 1; width >>= 1)
        {
            int m = (g.Length + 1) / 2;
            bool last = width == 2;
            var level = new PooledBuffer<ulong>(6 * m);
            Span<ulong> hiG = level.Span[..m], loG = level.Span.Slice(m, m), hiP = level.Span.Slice(2 * m, m), loP = level.Span.Slice(3 * m, m);
            Span<ulong> t1 = level.Span.Slice(4 * m, m), t2 = last ? Span<ulong>.Empty : level.Span.Slice(5 * m, m);
            for (int j = 0; j < m; j++)
            {
                int a = 2 * j, b = 2 * j + 1;
                ulong gb = b < g.Length ? g[b] : 0, pb = b < p.Length ? p[b] : 0;
                hiG[j] = PackedBits.CompressOdd(g[a]) | PackedBits.CompressOdd(gb) << 32;
                loG[j] = PackedBits.CompressEven(g[a]) | PackedBits.CompressEven(gb) << 32;
                hiP[j] = PackedBits.CompressOdd(p[a]) | PackedBits.CompressOdd(pb) << 32;
                loP[j] = PackedBits.CompressEven(p[a]) | PackedBits.CompressEven(pb) << 32;
            }
            BinaryGates.And(session, hiP, loG, t1, last ? ReadOnlySpan<ulong>.Empty : loP, t2);
            for (int j = 0; j < m; j++)
            {
                hiG[j] ^= t1[j];
            }
            held?.Dispose();
            held = level;
            g = hiG;
            p = t2;
        }
        ulong[] borrow = g.ToArray();
        held?.Dispose();
        return borrow;
    }
}
