namespace PrivClust.Core.Protocols;

/// <summary>
/// Exact ⌊y / 2^62⌋ for shared y in Z_2^128 with 0 ≤ y &lt; 2^127, in 3 rounds to a binary borrow (4 with its B2A).
/// <para>
/// Round 1 opens c = y + r for the dealer's uniform r (<see cref="Correlations.CorrelationKind.TruncationBorrowMask"/>). As y's
/// top bit is 0, the wrap of y + r is r_top ∧ ¬c_top, linear in the share of r_top, and
/// ⌊y/2^62⌋ = ⌊c/2^62⌋ − ⌊r/2^62⌋ + 2^66·wrap − [c mod 2^62 &lt; r mod 2^62]. <see cref="Truncation"/> drops the last term (one
/// LSB); here it is computed: it is the borrow of a comparison of the public c mod 2^62 with r mod 2^62, whose bits and
/// nibble products the dealer shares, so <see cref="QuaternaryBorrow"/> gets it in rounds 2–3 (its first level local).
/// </para>
/// Online bytes per element per party: 16 (c) + 4.25 (borrow); dealer 40 + 22.
/// </summary>
internal static class ExactTruncation
{
    /// <summary>The truncation's shift: the borrow spans bits 0–61 of a comparison word.</summary>
    public const int Shift = 62;

    /// <summary>
    /// This party's shares of u = ⌊c/2^62⌋ − ⌊r/2^62⌋ + 2^66·wrap (in <paramref name="upper"/>) and binary shares of the borrow
    /// b (packed): ⌊y/2^62⌋ = u − b.
    /// </summary>
    public static ulong[] Run(PartySession session, ReadOnlySpan<UInt128> y, Span<UInt128> upper)
    {
        int n = y.Length;
        UInt128[] r = new UInt128[n], high = new UInt128[n], top = new UInt128[n];
        ulong[] lowBits = new ulong[n], products = new ulong[Correlations.MonomialShape.Four.Products.Length * Correlations.CorrelationRequest.NibblePlaneWords(n)];
        session.Correlations.TruncationBorrowMasks(r, high, top, lowBits, products);
        UInt128[] mine = new UInt128[n], c = new UInt128[n];
        for (int i = 0; i < n; i++)
        {
            mine[i] = y[i] + r[i];
        }
        Sharing.Open<UInt128>(session, mine, c, OpeningKind.Masked, "exact truncation c");
        bool p0 = session.IsParty0;
        ulong[] cLow = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            UInt128 wrap = (c[i] >> 127) == UInt128.Zero ? top[i] << (128 - Shift) : UInt128.Zero;
            upper[i] = (p0 ? c[i] >> Shift : UInt128.Zero) - high[i] + wrap;
            cLow[i] = (ulong)c[i] & ((1UL << Shift) - 1);
        }
        return QuaternaryBorrow.Borrow(session, lowBits, cLow, products);
    }
}
