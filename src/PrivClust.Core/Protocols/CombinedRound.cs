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
        var product = new BitProductRound(session, bits, x);
        var gates = new AndGateRound(session, u, v);
        int split = product.Message.Length;
        ulong[] mine = [.. product.Message, .. gates.Message], theirs = new ulong[mine.Length];
        session.Exchange<ulong>(mine, theirs);
        product.Finish(theirs.AsSpan(0, split), z);
        gates.Finish(theirs.AsSpan(split), w);
        if (session.Observer is not null)
        {
            ulong[] opened = product.Opened(theirs.AsSpan(0, split));
            ulong[] gateOpenings = new ulong[gates.Message.Length];
            for (int i = 0; i < gateOpenings.Length; i++)
            {
                gateOpenings[i] = gates.Message[i] ^ theirs[split + i];
            }
            session.Observer.Opened("bit product+and β/ε/d/e", OpeningKind.Masked, [.. opened, .. gateOpenings]);
        }
    }
}
