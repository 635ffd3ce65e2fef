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
        int split = product.Message.Length, length = split + gates.Message.Length;
        using var mineBuffer = new PooledBuffer<ulong>(length);
        using var theirsBuffer = new PooledBuffer<ulong>(length);
        Span<ulong> mine = mineBuffer.Span, theirs = theirsBuffer.Span;
        product.Message.CopyTo(mine);
        gates.Message.CopyTo(mine[split..]);
        session.Exchange<ulong>(mine, theirs);
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
        int split = bitProducts.Message.Length, length = split + products.Masked.Length;
        using var mineBuffer = new PooledBuffer<ulong>(length);
        using var theirsBuffer = new PooledBuffer<ulong>(length);
        Span<ulong> mine = mineBuffer.Span, theirs = theirsBuffer.Span;
        bitProducts.Message.CopyTo(mine);
        products.Masked.CopyTo(mine[split..]);
        session.Exchange<ulong>(mine, theirs);
        bitProducts.Finish(theirs[..split], z);
        if (session.Observer is not null)
        {
            session.Observer.Opened("bit product β/ε", OpeningKind.Masked, bitProducts.Opened(theirs[..split]));
        }
        Arithmetic.Ring.Add<ulong>(mine[split..], theirs[split..], mine[split..]);
        products.Complete(mine[split..]);
    }
}
