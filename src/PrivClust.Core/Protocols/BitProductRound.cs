namespace PrivClust.Core.Protocols;

/// <summary>
/// One bit × value product, prepared and finished around an exchange so that it can share a round with other
/// openings. With a dealer triple (r, v′, r·v′) — r a random bit held in binary and arithmetic shares — the
/// parties open β = b ⊕ r (one bit) and ε = x − v′ (one ring element); then b = β + (1 − 2β)·r and
/// b·x = β·ε + β·v′ + (1 − 2β)·(r·ε + r·v′), linear in the shares. Both openings are uniform: r and v′ are fresh.
/// </summary>
internal sealed class BitProductRound
{
    private readonly int _n;
    private readonly int _words;
    private readonly ulong[] _bitShares;
    private readonly ulong[] _v;
    private readonly ulong[] _product;
    private readonly bool _party0;

    /// <param name="bits">Binary shares of the bits, packed 64 per word (at least ⌈n/64⌉ words).</param>
    /// <param name="values">Arithmetic shares of the values (n).</param>
    public BitProductRound(PartySession session, ReadOnlySpan<ulong> bits, ReadOnlySpan<ulong> values)
    {
        _n = values.Length;
        _words = PackedBits.Words(_n);
        _party0 = session.IsParty0;
        ulong[] maskBits = new ulong[_words];
        _bitShares = new ulong[_n];
        _v = new ulong[_n];
        _product = new ulong[_n];
        session.Correlations.BitValueTriples(maskBits, _bitShares, _v, _product);
        Message = new ulong[_words + _n];
        for (int w = 0; w < _words; w++)
        {
            Message[w] = bits[w] ^ maskBits[w];
        }
        for (int i = 0; i < _n; i++)
        {
            Message[_words + i] = values[i] - _v[i];
        }
    }

    /// <summary>This party's message: β shares (packed words), then ε shares.</summary>
    public ulong[] Message { get; }

    /// <summary>The opened values of the round (β words XORed, ε added), for the leakage audit.</summary>
    public ulong[] Opened(ReadOnlySpan<ulong> theirs)
    {
        ulong[] opened = new ulong[Message.Length];
        for (int i = 0; i < opened.Length; i++)
        {
            opened[i] = i < _words ? Message[i] ^ theirs[i] : Message[i] + theirs[i];
        }
        return opened;
    }

    /// <summary>This party's shares of b·x from the peer's message of the round.</summary>
    public void Finish(ReadOnlySpan<ulong> theirs, Span<ulong> z)
    {
        for (int i = 0; i < _n; i++)
        {
            ulong beta = ((Message[i >> 6] ^ theirs[i >> 6]) >> (i & 63)) & 1;
            ulong epsilon = Message[_words + i] + theirs[_words + i];
            ulong masked = _bitShares[i] * epsilon + _product[i];
            ulong share = beta * _v[i] + (beta == 1 ? 0 - masked : masked);
            z[i] = _party0 ? share + beta * epsilon : share;
        }
    }
}
