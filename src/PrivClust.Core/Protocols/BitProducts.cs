namespace PrivClust.Core.Protocols;

/// <summary>
/// b·x for bits b held in binary shares and values x in arithmetic shares, in ONE round and 8 bytes + 1 bit per
/// element per party, with a dealer bit-value triple (see <see cref="BitProductRound"/>). It replaces a B2A
/// (1 round) followed by a Beaver product (1 round, 16 bytes): the select of a comparison's winner.
/// </summary>
public static class BitProducts
{
    /// <summary>z = b·x element-wise; <paramref name="bits"/> packed 64 per word, one bit per value.</summary>
    public static void Multiply(PartySession session, ReadOnlySpan<ulong> bits, ReadOnlySpan<ulong> x, Span<ulong> z)
    {
        if (z.Length != x.Length || bits.Length < PackedBits.Words(x.Length))
        {
            throw new ArgumentException($"Bit products of {x.Length} values got {bits.Length} bit words and {z.Length} outputs.");
        }
        using var round = new BitProductRound(session, bits, x);
        using var theirs = new PooledBuffer<ulong>(round.Message.Length);
        session.Exchange<ulong>(round.Message, theirs.Span);
        round.Finish(theirs.Span, z);
        if (session.Observer is not null)
        {
            session.Observe("bit product β/ε", OpeningKind.Masked, round.Opened(theirs.Span));
        }
    }
}
