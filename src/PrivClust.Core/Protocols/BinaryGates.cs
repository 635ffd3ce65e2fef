using PrivClust.Core.Correlations;

namespace PrivClust.Core.Protocols;

/// <summary>
/// AND gates on XOR-shared packed words with the dealer's AND triples: one round. Two gates that share their
/// left operand (x ∧ y1, x ∧ y2) open x's mask once: 3 words per pair of gates instead of 4.
/// </summary>
public static class BinaryGates
{
    /// <summary>z1 = x ∧ y1 and, when <paramref name="y2"/> is not empty, z2 = x ∧ y2, on packed binary shares.</summary>
    public static void And(PartySession session, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y1, Span<ulong> z1, ReadOnlySpan<ulong> y2, Span<ulong> z2)
    {
        int m = x.Length;
        bool two = !y2.IsEmpty;
        using var triples = new PooledBuffer<ulong>((two ? 5 : 3) * m);
        Span<ulong> t = triples.Span;
        Span<ulong> a = t[..m], b1 = t.Slice(m, m), c1 = t.Slice(2 * m, m);
        Span<ulong> b2 = two ? t.Slice(3 * m, m) : [], c2 = two ? t.Slice(4 * m, m) : [];
        session.Correlations.AndTriples(a, b1, c1, b2, c2);
        int parts = two ? 3 : 2;
        using var mineBuffer = new PooledBuffer<ulong>(parts * m);
        using var theirsBuffer = new PooledBuffer<ulong>(parts * m);
        Span<ulong> mine = mineBuffer.Span, theirs = theirsBuffer.Span;
        for (int i = 0; i < m; i++)
        {
            mine[i] = x[i] ^ a[i];
            mine[m + i] = y1[i] ^ b1[i];
            if (two)
            {
                mine[2 * m + i] = y2[i] ^ b2[i];
            }
        }
        session.Exchange<ulong>(mine, theirs);
        ulong own = session.IsParty0 ? ulong.MaxValue : 0;
        for (int i = 0; i < m; i++)
        {
            ulong d = mine[i] ^ theirs[i];
            ulong e1 = mine[m + i] ^ theirs[m + i];
            z1[i] = c1[i] ^ (d & b1[i]) ^ (e1 & a[i]) ^ (d & e1 & own);
            if (two)
            {
                ulong e2 = mine[2 * m + i] ^ theirs[2 * m + i];
                z2[i] = c2[i] ^ (d & b2[i]) ^ (e2 & a[i]) ^ (d & e2 & own);
            }
        }
        if (session.Observer is not null)
        {
            ulong[] opened = new ulong[mine.Length];
            for (int i = 0; i < opened.Length; i++)
            {
                opened[i] = mine[i] ^ theirs[i];
            }
            session.Observer.Opened("and d/e", OpeningKind.Masked, opened);
        }
    }

    /// <summary>
    /// z = x0 ∧ x1 ∧ x2 ∧ x3 on packed binary shares in ONE round (<paramref name="x"/>: the four input planes of
    /// z.Length words, plane-major): each input is opened once, e_j = x_j ⊕ a_j, and the dealer's shares of the 11
    /// products a_T (|T| ≥ 2) of the masks give ∏ (e_j ⊕ a_j) locally (<see cref="MaskExpansion"/>). Per output word:
    /// 4 words online, 11 words from the dealer — against two rounds, 6 words and 3 for a tree of 2-input gates.
    /// </summary>
    public static void And4(PartySession session, ReadOnlySpan<ulong> x, Span<ulong> z)
    {
        int m = z.Length;
        MonomialShape shape = MonomialShape.Four;
        ulong[] masks = new ulong[shape.Variables * m], products = new ulong[shape.Products.Length * m];
        ulong[][] e = MaskExpansion.OpenMasked(session, shape, x, m, masks, products, "and4 e");
        z.Clear();
        MaskExpansion.XorMonomial(MaskExpansion.Opened(e, 0, 1, 2, 3), shape, masks, products, session.IsParty0, z);
    }
}
