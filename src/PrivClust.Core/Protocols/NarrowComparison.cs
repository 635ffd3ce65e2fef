using System.Numerics;
using System.Runtime.CompilerServices;
using PrivClust.Core.Correlations;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Exact comparison with zero of values with a public bound: every x (signed) in [−2^(L−1), 2^(L−1)) for a width L
/// below 64. Then x mod 2^L determines x, and its top bit is x's sign, so the whole comparison runs in Z_2^L
/// (<see cref="Comparison"/> with 64 replaced by L):
/// <list type="number">
/// <item>Round 1: open c = x + ρ mod 2^L for the dealer's uniform ρ in Z_2^L (L bits per element on the wire); then
/// msb_L(x) = c_{L−1} ⊕ ρ_{L−1} ⊕ [c mod 2^(L−1) &lt; ρ mod 2^(L−1)].</item>
/// <item>The borrow by the 2-ary prefix circuit over (generate, propagate) pairs, in bit-sliced planes (plane j holds bit
/// j of every element), so any width works: its first level (pairs of positions) is local from the dealer's products of
/// ρ's bit pairs (<see cref="CorrelationKind.NarrowComparisonMask"/>); each further level is one round of AND gates
/// and halves the groups (an odd top group waits a level): ⌈log2 ⌈(L − 1)/2⌉⌉ rounds.</item>
/// <item>Optionally a B2A with a daBit.</item>
/// </list>
/// Online bytes per element and party at L = 37: 4.625 (c) + 6.25 (ANDs), against 8 + 11.5 on the whole ring.
/// </summary>
public static class NarrowComparison
{
    /// <summary>The narrowest width (one position below the sign).</summary>
    public const int MinBits = 2;

    /// <summary>The widest: at 64 bits the whole-ring <see cref="Comparison"/> applies.</summary>
    public const int MaxBits = 63;

    /// <summary>Rounds to binary shares: the opening and ⌈log2 ⌈(bits − 1)/2⌉⌉ prefix levels (L = 33: 5; L = 37: 6; the whole ring: 6).</summary>
    public static int Rounds(int bits)
    {
        int groups = bits / 2;
        return 1 + (groups <= 1 ? 0 : BitOperations.Log2((uint)(groups - 1)) + 1);
    }

    /// <summary>
    /// Binary shares, packed 64 per word, of [x &lt; 0] for each element of x, given that every x lies in
    /// [−2^(<paramref name="bits"/>−1), 2^(bits−1)) (outside it the result is that of x mod 2^bits).
    /// </summary>
    public static ulong[] LessThanZeroBits(PartySession session, ReadOnlySpan<ulong> x, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, MinBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, MaxBits);
        int n = x.Length, words = PackedBits.Words(n), pairs = (bits - 1) / 2;
        using var maskBuffer = new PooledBuffer<ulong>(n + (bits + pairs) * words);
        Span<ulong> rho = maskBuffer.Span[..n], rhoPlanes = maskBuffer.Span.Slice(n, bits * words), pairPlanes = maskBuffer.Span[(n + bits * words)..];
        session.Correlations.NarrowComparisonMasks(bits, rho, rhoPlanes, pairPlanes);
        using var cPlanesBuffer = new PooledBuffer<ulong>(bits * words);
        Span<ulong> cPlanes = cPlanesBuffer.Span;
        OpenMasked(session, x, rho, bits, cPlanes);
        ulong[] result = Borrow(session, rhoPlanes, pairPlanes, cPlanes, bits, words);
        ReadOnlySpan<ulong> rhoTop = rhoPlanes.Slice((bits - 1) * words, words), cTop = cPlanes.Slice((bits - 1) * words, words);
        bool p0 = session.IsParty0;
        for (int w = 0; w < words; w++)
        {
            result[w] ^= rhoTop[w] ^ (p0 ? cTop[w] : 0);
        }
        return result;
    }

    /// <summary>Arithmetic 0/1 shares in T of [x &lt; 0] (<see cref="LessThanZeroBits"/> and one B2A round).</summary>
    public static void LessThanZero<T>(PartySession session, ReadOnlySpan<ulong> x, Span<T> z, int bits) where T : unmanaged, IBinaryInteger<T> =>
        Comparison.BitsToArithmetic(session, LessThanZeroBits(session, x, bits), z);

    /// <summary>Round 1: c = x + ρ mod 2^bits, each party's share packed at <paramref name="bits"/> bits; c's planes out.</summary>
    private static void OpenMasked(PartySession session, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> rho, int bits, Span<ulong> cPlanes)
    {
        using var valueBuffer = new PooledBuffer<ulong>(x.Length);
        Span<ulong> values = valueBuffer.Span;
        Arithmetic.Ring.Add(x, rho, values);
        Sharing.OpenModulo(session, values, bits, OpeningKind.Masked, "narrow comparison c");
        BitPlanes.Transpose(values, bits, cPlanes);
    }

    /// <summary>
    /// The borrow [c mod 2^(L−1) &lt; ρ mod 2^(L−1)] on planes. First level, local: for a pair of positions (hi, lo) with
    /// x = ρ_hi, y = ρ_lo, π = x∧y (dealer) and ¬c public, G = x∧¬c_hi ⊕ ¬c_lo∧π ⊕ ¬c_hi∧¬c_lo∧y and
    /// P = π ⊕ x∧¬c_lo ⊕ ¬c_hi∧y ⊕ ¬c_hi∧¬c_lo (the constant on party 0); an odd top position is its own group,
    /// (ρ∧¬c, ρ ⊕ ¬c). Then one AND round per level.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong[] Borrow(PartySession session, ReadOnlySpan<ulong> rhoPlanes, ReadOnlySpan<ulong> pairPlanes, ReadOnlySpan<ulong> cPlanes, int bits, int words)
    {
        int positions = bits - 1, pairs = positions / 2, groups = (positions + 1) / 2;
        ulong own = session.IsParty0 ? ulong.MaxValue : 0;
        var level = new PooledBuffer<ulong>(2 * groups * words);
        Span<ulong> g = level.Span[..(groups * words)], p = level.Span[(groups * words)..];
        for (int i = 0; i < pairs; i++)
        {
            int hi = (2 * i + 1) * words, lo = 2 * i * words, at = i * words;
            for (int w = 0; w < words; w++)
            {
                ulong x = rhoPlanes[hi + w], y = rhoPlanes[lo + w], xy = pairPlanes[at + w];
                ulong notHi = ~cPlanes[hi + w], notLo = ~cPlanes[lo + w];
                g[at + w] = (x & notHi) ^ (notLo & xy) ^ (notHi & notLo & y);
                p[at + w] = xy ^ (x & notLo) ^ (notHi & y) ^ (own & notHi & notLo);
            }
        }
        if (positions % 2 == 1)
        {
            int top = (positions - 1) * words, at = pairs * words;
            for (int w = 0; w < words; w++)
            {
                ulong r = rhoPlanes[top + w], notC = ~cPlanes[top + w];
                g[at + w] = r & notC;
                p[at + w] = r ^ (own & notC);
            }
        }
        return Prefix(session, level, groups, words);
    }

    /// <summary>Combines groups pairwise, (hi, lo) → (G_hi ⊕ P_hi∧G_lo, P_hi∧P_lo), one round per level, until one is left; owns <paramref name="level"/>.</summary>
    private static ulong[] Prefix(PartySession session, PooledBuffer<ulong> level, int groups, int words)
    {
        while (groups > 1)
        {
            int pairs = groups / 2, next = groups - pairs, span = pairs * words;
            bool last = next == 1;
            Span<ulong> g = level.Span[..(groups * words)], p = level.Span.Slice(groups * words, groups * words);
            var following = new PooledBuffer<ulong>(2 * next * words + 3 * span + (last ? 0 : span));
            Span<ulong> gNext = following.Span[..(next * words)], pNext = following.Span.Slice(next * words, next * words);
            Span<ulong> hiP = following.Span.Slice(2 * next * words, span), loG = following.Span.Slice(2 * next * words + span, span);
            Span<ulong> loP = last ? Span<ulong>.Empty : following.Span.Slice(2 * next * words + 2 * span, span);
            Span<ulong> t = following.Span.Slice(2 * next * words + (last ? 2 : 3) * span, span);
            for (int i = 0; i < pairs; i++)
            {
                p.Slice((2 * i + 1) * words, words).CopyTo(hiP.Slice(i * words, words));
                g.Slice(2 * i * words, words).CopyTo(loG.Slice(i * words, words));
                if (!last)
                {
                    p.Slice(2 * i * words, words).CopyTo(loP.Slice(i * words, words));
                }
            }
            BinaryGates.And(session, hiP, loG, t, loP, last ? Span<ulong>.Empty : pNext[..span]);
            for (int i = 0; i < pairs; i++)
            {
                Span<ulong> gOut = gNext.Slice(i * words, words), gHi = g.Slice((2 * i + 1) * words, words), product = t.Slice(i * words, words);
                for (int w = 0; w < words; w++)
                {
                    gOut[w] = gHi[w] ^ product[w];
                }
            }
            if (next > pairs)
            {
                g.Slice((groups - 1) * words, words).CopyTo(gNext.Slice(pairs * words, words));
                p.Slice((groups - 1) * words, words).CopyTo(pNext.Slice(pairs * words, words));
            }
            level.Dispose();
            level = following;
            groups = next;
        }
        ulong[] borrow = level.Span[..words].ToArray();
        level.Dispose();
        return borrow;
    }
}
