namespace PrivClust.Core.Protocols;

/// <summary>
/// One bit × value product, prepared and finished around an exchange so that it can share a round with other
/// openings. With a dealer triple (r, v′, r·v′) — r a random bit held in binary and arithmetic shares — the
/// parties open β = b ⊕ r (one bit) and ε = x − v′ (one ring element); then b = β + (1 − 2β)·r and
/// b·x = β·ε + β·v′ + (1 − 2β)·(r·ε + r·v′), linear in the shares. Both openings are uniform: r and v′ are fresh.
/// Its working arrays are pooled: dispose it after <see cref="Finish"/>.
/// </summary>
internal sealed class BitProductRound : IDisposable
{
    private readonly PooledBuffer<ulong> _buffer;
    private readonly int _n;
    private readonly int _words;
    private readonly bool _party0;

    /// <param name="bits">Binary shares of the bits, packed 64 per word (at least ⌈n/64⌉ words).</param>
    /// <param name="values">Arithmetic shares of the values (n).</param>
    public BitProductRound(PartySession session, ReadOnlySpan<ulong> bits, ReadOnlySpan<ulong> values)
    {
        _n = values.Length;
        _words = PackedBits.Words(_n);
        _party0 = session.IsParty0;
        _buffer = new PooledBuffer<ulong>(4 * _n + _words);
        Span<ulong> message = Message;
        // The mask's bits land in the message's bit words, then the bits are XORed in.
        session.Correlations.BitValueTriples(message[.._words], BitShares, V, Product);
        for (int w = 0; w < _words; w++)
        {
            message[w] ^= bits[w];
        }
        ReadOnlySpan<ulong> v = V;
        for (int i = 0; i < _n; i++)
        {
            message[_words + i] = values[i] - v[i];
        }
    }

    /// <summary>This party's message: β shares (packed words), then ε shares.</summary>
    public Span<ulong> Message => _buffer.Span.Slice(3 * _n, _words + _n);

    private Span<ulong> BitShares => _buffer.Span[.._n];

    private Span<ulong> V => _buffer.Span.Slice(_n, _n);

    private Span<ulong> Product => _buffer.Span.Slice(2 * _n, _n);

    /// <summary>The opened values of the round (β words XORed, ε added), for the leakage audit.</summary>
    public ulong[] Opened(ReadOnlySpan<ulong> theirs)
    {
        ReadOnlySpan<ulong> mine = Message;
        ulong[] opened = new ulong[mine.Length];
        for (int i = 0; i < opened.Length; i++)
        {
            opened[i] = i < _words ? mine[i] ^ theirs[i] : mine[i] + theirs[i];
        }
        return opened;
    }

    /// <summary>This party's shares of b·x from the peer's message of the round.</summary>
    public void Finish(ReadOnlySpan<ulong> theirs, Span<ulong> z)
    {
        ReadOnlySpan<ulong> mine = Message, bitShares = BitShares, v = V, product = Product;
        for (int i = 0; i < _n; i++)
        {
            ulong beta = ((mine[i >> 6] ^ theirs[i >> 6]) >> (i & 63)) & 1;
            ulong epsilon = mine[_words + i] + theirs[_words + i];
            ulong masked = bitShares[i] * epsilon + product[i];
            ulong share = beta * v[i] + (masked ^ (0 - beta)) + beta;   // beta = 1: −masked; branch-free (the bits are random)
            z[i] = _party0 ? share + beta * epsilon : share;
        }
    }

    public void Dispose() => _buffer.Dispose();
}
