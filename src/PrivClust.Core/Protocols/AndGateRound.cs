namespace PrivClust.Core.Protocols;

/// <summary>
/// A batch of AND gates on packed bits, prepared and finished around an exchange (so that it can share a round):
/// with an AND triple (a, b, c = a ∧ b) the parties open d = u ⊕ a and e = v ⊕ b, then
/// u ∧ v = c ⊕ d∧b ⊕ e∧a ⊕ d∧e (the last term by party 0 only).
/// </summary>
internal sealed class AndGateRound
{
    private readonly ulong[] _a;
    private readonly ulong[] _b;
    private readonly ulong[] _c;
    private readonly bool _party0;

    public AndGateRound(PartySession session, ReadOnlySpan<ulong> u, ReadOnlySpan<ulong> v)
    {
        int m = u.Length;
        _party0 = session.IsParty0;
        _a = new ulong[m];
        _b = new ulong[m];
        _c = new ulong[m];
        session.Correlations.AndTriples(_a, _b, _c, Span<ulong>.Empty, Span<ulong>.Empty);
        Message = new ulong[2 * m];
        for (int i = 0; i < m; i++)
        {
            Message[i] = u[i] ^ _a[i];
            Message[m + i] = v[i] ^ _b[i];
        }
    }

    /// <summary>This party's message: d shares, then e shares.</summary>
    public ulong[] Message { get; }

    public void Finish(ReadOnlySpan<ulong> theirs, Span<ulong> w)
    {
        int m = _a.Length;
        ulong own = _party0 ? ulong.MaxValue : 0;
        for (int i = 0; i < m; i++)
        {
            ulong d = Message[i] ^ theirs[i], e = Message[m + i] ^ theirs[m + i];
            w[i] = _c[i] ^ (d & _b[i]) ^ (e & _a[i]) ^ (d & e & own);
        }
    }
}
