namespace PrivClust.Core.Protocols;

/// <summary>
/// A batch of AND gates on packed bits, prepared and finished around an exchange (so that it can share a round):
/// with an AND triple (a, b, c = a ∧ b) the parties open d = u ⊕ a and e = v ⊕ b, then
/// u ∧ v = c ⊕ d∧b ⊕ e∧a ⊕ d∧e (the last term by party 0 only). Its working arrays are pooled: dispose it after
/// <see cref="Finish"/>.
/// </summary>
internal sealed class AndGateRound : IDisposable
{
    private readonly PooledBuffer<ulong> _buffer;
    private readonly int _m;
    private readonly bool _party0;

    public AndGateRound(PartySession session, ReadOnlySpan<ulong> u, ReadOnlySpan<ulong> v)
    {
        _m = u.Length;
        _party0 = session.IsParty0;
        _buffer = new PooledBuffer<ulong>(5 * _m);
        Span<ulong> a = A, b = B, message = Message;
        session.Correlations.AndTriples(a, b, C, Span<ulong>.Empty, Span<ulong>.Empty);
        for (int i = 0; i < _m; i++)
        {
            message[i] = u[i] ^ a[i];
            message[_m + i] = v[i] ^ b[i];
        }
    }

    /// <summary>This party's message: d shares, then e shares.</summary>
    public Span<ulong> Message => _buffer.Span.Slice(3 * _m, 2 * _m);

    private Span<ulong> A => _buffer.Span[.._m];

    private Span<ulong> B => _buffer.Span.Slice(_m, _m);

    private Span<ulong> C => _buffer.Span.Slice(2 * _m, _m);

    /// <summary>The opened d and e (XOR of both messages), for the leakage audit.</summary>
    public ulong[] Opened(ReadOnlySpan<ulong> theirs)
    {
        ReadOnlySpan<ulong> mine = Message;
        ulong[] opened = new ulong[mine.Length];
        for (int i = 0; i < opened.Length; i++)
        {
            opened[i] = mine[i] ^ theirs[i];
        }
        return opened;
    }

    public void Finish(ReadOnlySpan<ulong> theirs, Span<ulong> w)
    {
        ReadOnlySpan<ulong> mine = Message, a = A, b = B, c = C;
        ulong own = _party0 ? ulong.MaxValue : 0;
        for (int i = 0; i < _m; i++)
        {
            ulong d = mine[i] ^ theirs[i], e = mine[_m + i] ^ theirs[_m + i];
            w[i] = c[i] ^ (d & b[i]) ^ (e & a[i]) ^ (d & e & own);
        }
    }

    public void Dispose() => _buffer.Dispose();
}
