namespace PrivClust.Core.Protocols;

/// <summary>
/// Independent steps done in ONE round: both openings travel in the same message (prepare both, exchange once,
/// finish both).
/// </summary>
internal static class CombinedRound
{
    /// <summary>z = b·x for packed binary bits b (see <see cref="BitProducts"/>) and w = u ∧ v (packed binary), one round.</summary>
    public static void BitProductAndAnd(PartySession session, ReadOnlySpan<ulong> bits, ReadOnlySpan<ulong> x, Span<ulong> z,
        ReadOnlySpan<ulong> u, ReadOnlySpan<ulong> v, Span<ulong> w)
    {
        using var product = new BitProductRound(session, bits, x);
        using var gates = new AndGateRound(session, u, v);
        int split = product.Message.Length;
        using PooledBuffer<ulong> theirsBuffer = ExchangeBoth(session, product.Message, gates.Message);
        Span<ulong> theirs = theirsBuffer.Span;
        product.Finish(theirs[..split], z);
        gates.Finish(theirs[split..], w);
        if (session.Observer is not null)
        {
            session.Observer.Opened("bit product+and β/ε/d/e", OpeningKind.Masked,
                [.. product.Opened(theirs[..split]), .. gates.Opened(theirs[split..])]);
        }
    }

    /// <summary>z = b·x for packed binary bits b (see <see cref="BitProducts"/>) and the prepared Beaver products, one round.</summary>
    public static void BitProductsAndProducts(PartySession session, ReadOnlySpan<ulong> bits, ReadOnlySpan<ulong> x, Span<ulong> z,
        PreparedProducts products)
    {
        using var bitProducts = new BitProductRound(session, bits, x);
        int split = bitProducts.Message.Length;
        using PooledBuffer<ulong> theirsBuffer = ExchangeBoth(session, bitProducts.Message, products.Masked);
        Span<ulong> theirs = theirsBuffer.Span;
        bitProducts.Finish(theirs[..split], z);
        if (session.Observer is not null)
        {
            session.Observer.Opened("bit product β/ε", OpeningKind.Masked, bitProducts.Opened(theirs[..split]));
        }
        ulong[] opened = new ulong[products.Masked.Length];
        Arithmetic.Ring.Add<ulong>(products.Masked, theirs[split..], opened);
        products.Complete(opened);
    }

    /// <summary>
    /// B2A of bits laid over a fixed matrix's rows with their product with it (<see cref="BitRowsProduct"/>), and z = b·x
    /// for other packed binary bits b (<see cref="BitProducts"/>), one round.
    /// </summary>
    public static void BitRowsAndBitProducts(PartySession session, ReadOnlySpan<ulong> laidBits, int perRow, FixedMatrix x, Span<ulong> arithmetic,
        Span<ulong> rowProduct, ReadOnlySpan<ulong> bits, ReadOnlySpan<ulong> values, Span<ulong> bitProduct)
    {
        var rows = new BitRowsProduct(session, laidBits, arithmetic.Length, perRow, x);
        using var bitProducts = new BitProductRound(session, bits, values);
        int split = rows.Message.Length;
        using PooledBuffer<ulong> theirsBuffer = ExchangeBoth(session, rows.Message, bitProducts.Message);
        Span<ulong> theirs = theirsBuffer.Span;
        if (session.Observer is not null)
        {
            session.Observer.Opened("b2a e + bit product β/ε", OpeningKind.Masked,
                [.. rows.Opened(theirs[..split]), .. bitProducts.Opened(theirs[split..])]);
        }
        rows.Finish(theirs[..split], arithmetic, rowProduct);
        bitProducts.Finish(theirs[split..], bitProduct);
    }

    /// <summary>Sends both messages in one exchange; the peer's two parts come back (pooled: dispose it) in the same order.</summary>
    private static PooledBuffer<ulong> ExchangeBoth(PartySession session, ReadOnlySpan<ulong> first, ReadOnlySpan<ulong> second)
    {
        int length = first.Length + second.Length;
        using var mine = new PooledBuffer<ulong>(length);
        var theirs = new PooledBuffer<ulong>(length);
        first.CopyTo(mine.Span);
        second.CopyTo(mine.Span[first.Length..]);
        session.Exchange<ulong>(mine.Span, theirs.Span);
        return theirs;
    }
}
