using System.Runtime.CompilerServices;
using PrivClust.Core.Correlations;

namespace PrivClust.Core.Protocols;

/// <summary>
/// The borrow [c' &lt; r'] of <see cref="Comparison"/> (c' = c mod 2^63, r' = r mod 2^63, c public) by a 4-ary prefix
/// circuit in TWO rounds. Position i has generate g = r ∧ ¬c and propagate p = r ⊕ ¬c; a group of four positions
/// combines to G = g3 ⊕ p3g2 ⊕ p3p2g1 ⊕ p3p2p1g0 and P = p3p2p1p0 (the terms exclude each other, so XOR is OR).
/// <list type="number">
/// <item>64 → 16 groups per element, local: g and p are affine in r's bits, and the dealer's
/// <see cref="CorrelationKind.NibbleComparisonMask"/> holds the products of r's bits within each 4-bit group, so G and P
/// of each group expand over them (<see cref="MaskExpansion"/>) with no opening.</item>
/// <item>16 → 4, one round: multi-input Beaver on the seven inputs g0, g1, g2, p0, p1, p2, p3 of each group
/// (<see cref="MonomialShape.BorrowAndPropagate"/>: 7 bits opened, 22 mask products from the dealer).</item>
/// <item>4 → 1, one round: the same without P (<see cref="MonomialShape.Borrow"/>: 6 bits opened, 15 products).</item>
/// </list>
/// Bit 63 is the neutral (g, p) = (0, 1). Planes are bit-sliced and dense: level 1 holds 16 bits per element, level 2 four,
/// level 3 one. Per element: online 3.5 + 0.75 = 4.25 bytes; dealer 22 + 11 + 1.875 = 34.875 bytes of products.
/// </summary>
internal static class QuaternaryBorrow
{
    private const ulong Low63 = (1UL << 63) - 1;

    /// <summary>Bit 16·q + 15 of a level-1 plane is position 63 of an element.</summary>
    private const ulong NotTopPosition = ~0x8000_8000_8000_8000UL;

    /// <summary>Binary shares, one bit per element (packed), of the borrow of each element.</summary>
    public static ulong[] Borrow(PartySession session, ReadOnlySpan<ulong> rBits, ReadOnlySpan<ulong> c, ReadOnlySpan<ulong> products)
    {
        (ulong[] g, ulong[] p) = FirstLevel(session, rBits, c, products);
        (g, p) = Combine(session, g, p, withPropagate: true);
        (g, _) = Combine(session, g, p, withPropagate: false);
        return g;
    }

    /// <summary>(G, P) of each 4-bit group, 16 per element, from r's bits and their products: no communication.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ulong[] G, ulong[] P) FirstLevel(PartySession session, ReadOnlySpan<ulong> rBits, ReadOnlySpan<ulong> c, ReadOnlySpan<ulong> products)
    {
        int n = c.Length, words = CorrelationRequest.NibblePlaneWords(n);
        ulong[] r = new ulong[4 * words], cLow = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            cLow[i] = c[i] & Low63;
        }
        var g = new MaskExpansion.Input[4];
        var p = new MaskExpansion.Input[4];
        for (int position = 0; position < 4; position++)
        {
            PackedBits.GatherNibblePosition(rBits, position, r.AsSpan(position * words, words));
            ulong[] notC = new ulong[words];
            PackedBits.GatherNibblePosition(cLow, position, notC);
            ulong[] generate = new ulong[words];
            ulong[]? propagate = position == 3 ? Enumerable.Repeat(NotTopPosition, words).ToArray() : null;
            for (int w = 0; w < words; w++)
            {
                notC[w] = ~notC[w];
                generate[w] = notC[w] & (position == 3 ? NotTopPosition : ulong.MaxValue);
            }
            // Position 63 (c' has it cleared): g = 0 ∧ r = 0 and p = 0 ∧ r ⊕ 1 = 1, whatever r's top bit is.
            g[position] = new MaskExpansion.Input(position, generate, null);
            p[position] = new MaskExpansion.Input(position, propagate, notC);
        }
        return Evaluate(session, MonomialShape.Four, r, products, g, p, withPropagate: true);
    }

    /// <summary>One round: (G, P) of groups of four consecutive (g, p) pairs of the previous level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ulong[] G, ulong[] P) Combine(PartySession session, ulong[] g, ulong[] p, bool withPropagate)
    {
        int words = (g.Length + 3) / 4;
        MonomialShape shape = withPropagate ? MonomialShape.BorrowAndPropagate : MonomialShape.Borrow;
        // Variables: 0:g0 1:g1 2:g2 3:p1 4:p2 5:p3 6:p0; g3 enters linearly.
        (ulong[] source, int position)[] order = [(g, 0), (g, 1), (g, 2), (p, 1), (p, 2), (p, 3), (p, 0)];
        ulong[] x = new ulong[shape.Variables * words];
        for (int v = 0; v < shape.Variables; v++)
        {
            PackedBits.GatherNibblePosition(order[v].source, order[v].position, x.AsSpan(v * words, words));
        }
        ulong[] masks = new ulong[x.Length], products = new ulong[shape.Products.Length * words];
        ulong[][] e = MaskExpansion.OpenMasked(session, shape, x, words, masks, products, "borrow e");
        ulong[] g3 = new ulong[words];
        PackedBits.GatherNibblePosition(g, 3, g3);
        MaskExpansion.Input[] generate = [.. MaskExpansion.Opened(e, 0, 1, 2), default];
        MaskExpansion.Input[] propagate = [withPropagate ? MaskExpansion.Opened(e, 6)[0] : default, .. MaskExpansion.Opened(e, 3, 4, 5)];
        return Evaluate(session, shape, masks, products, generate, propagate, withPropagate, g3);
    }

    /// <summary>
    /// G = g3 ⊕ p3g2 ⊕ p3p2g1 ⊕ p3p2p1g0 and, when asked, P = p3p2p1p0, from inputs indexed by position; g3 is either
    /// the input <paramref name="g"/>[3] or, when <paramref name="linearG3"/> is given, that share itself.
    /// </summary>
    private static (ulong[] G, ulong[] P) Evaluate(PartySession session, MonomialShape shape, ReadOnlySpan<ulong> variables, ReadOnlySpan<ulong> products,
        MaskExpansion.Input[] g, MaskExpansion.Input[] p, bool withPropagate, ulong[]? linearG3 = null)
    {
        int words = variables.Length / shape.Variables;
        bool p0 = session.IsParty0;
        ulong[] generate = linearG3 ?? new ulong[words];
        if (linearG3 is null)
        {
            MaskExpansion.XorMonomial([g[3]], shape, variables, products, p0, generate);
        }
        MaskExpansion.XorMonomial([p[3], g[2]], shape, variables, products, p0, generate);
        MaskExpansion.XorMonomial([p[3], p[2], g[1]], shape, variables, products, p0, generate);
        MaskExpansion.XorMonomial([p[3], p[2], p[1], g[0]], shape, variables, products, p0, generate);
        ulong[] propagate = new ulong[withPropagate ? words : 0];
        if (withPropagate)
        {
            MaskExpansion.XorMonomial([p[3], p[2], p[1], p[0]], shape, variables, products, p0, propagate);
        }
        return (generate, propagate);
    }
}
