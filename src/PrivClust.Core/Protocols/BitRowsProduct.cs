namespace PrivClust.Core.Protocols;

/// <summary>
/// B2A of bits laid over the rows of a fixed matrix X (perRow bits per row: bit t belongs to row t / perRow), with the
/// product Σ_i z[i, j]·X[i, l] (perRow × columns) from the same single opening, and more plain bits after them. The
/// daBits of the laid-out bits come with shares of r_t·U[row, l] for X's mask U
/// (<see cref="Correlations.CorrelationKind.DaBitMaskProducts"/>); after the opening e = b ⊕ r, z = e ? 1 − r : r and
/// z·X[i, l] = z·E[i, l] + (e ? U[i, l] − r·U[i, l] : r·U[i, l]) are local (E = X − U is public). So the sums of
/// k-means (Oᵀ·X) and of mean-shift's windows (Wᵀ·X) need no round of their own: 8·n·k·d more dealer bytes, 8·n·k
/// fewer per party. Prepare (constructor: the correlations and this party's message), exchange (alone:
/// <see cref="BitsToArithmetic"/>; or with another protocol's message in <see cref="CombinedRound"/>), finish.
/// </summary>
internal sealed class BitRowsProduct
{
    /// <summary>
    /// Use it when n·perRow·columns is at most this, where rounds dominate (mall-kmeans, three processes: 6.3 → 5.25 ms
    /// per iteration with the rehearsed first iteration); at blobs-1e4's 10^5 products the bytes it moves to the dealer
    /// link cost about what the round saves.
    /// </summary>
    public const long MaxProducts = 1 << 14;

    private readonly PartySession _session;
    private readonly FixedMatrix _x;
    private readonly int _perRow, _count;
    private readonly ulong[] _r, _products;

    /// <param name="bits">Packed binary shares: the first x.Rows·perRow laid over X's rows, then plain ones (<paramref name="count"/> in all).</param>
    public BitRowsProduct(PartySession session, ReadOnlySpan<ulong> bits, int count, int perRow, FixedMatrix x)
    {
        int laid = x.Rows * perRow, plain = count - laid;
        ArgumentOutOfRangeException.ThrowIfNegative(plain);
        (_session, _x, _perRow, _count) = (session, x, perRow, count);
        ulong[] laidBits = new ulong[PackedBits.Words(laid)], plainBits = new ulong[PackedBits.Words(plain)];
        (_r, _products) = (new ulong[count], new ulong[laid * x.Columns]);
        session.Correlations.DaBitMaskProducts(x.MaskId, perRow, laidBits, _r.AsSpan(0, laid), _products);
        session.Correlations.DaBits<ulong>(plainBits, _r.AsSpan(laid));
        Message = new ulong[PackedBits.Words(count)];
        PackedBits.Deposit(laidBits, laid, Message, 0);
        PackedBits.Deposit(plainBits, plain, Message, laid);
        for (int w = 0; w < Message.Length; w++)
        {
            Message[w] ^= bits[w];
        }
    }

    /// <summary>This party's share of e = b ⊕ r (packed words), to open.</summary>
    public ulong[] Message { get; }

    /// <summary>B2A with the product, alone in its round.</summary>
    /// <param name="z">Arithmetic shares of every bit.</param>
    /// <param name="product">perRow × x.Columns shares of Σ_i z[i·perRow + j]·X[i, l].</param>
    public static void BitsToArithmetic(PartySession session, ReadOnlySpan<ulong> bits, int perRow, FixedMatrix x, Span<ulong> z, Span<ulong> product)
    {
        var round = new BitRowsProduct(session, bits, z.Length, perRow, x);
        ulong[] theirs = new ulong[round.Message.Length];
        session.Exchange<ulong>(round.Message, theirs);
        if (session.Observer is not null)
        {
            session.Observer.Opened("b2a e", OpeningKind.Masked, round.Opened(theirs));
        }
        round.Finish(theirs, z, product);
    }

    /// <summary>The opened e (for the leakage audit).</summary>
    public ulong[] Opened(ReadOnlySpan<ulong> theirs)
    {
        ulong[] e = new ulong[Message.Length];
        for (int w = 0; w < e.Length; w++)
        {
            e[w] = Message[w] ^ theirs[w];
        }
        return e;
    }

    /// <summary>The arithmetic shares and the product from the peer's message.</summary>
    public void Finish(ReadOnlySpan<ulong> theirs, Span<ulong> z, Span<ulong> product)
    {
        int d = _x.Columns, laid = _x.Rows * _perRow;
        ArgumentOutOfRangeException.ThrowIfNotEqual(z.Length, _count);
        ArgumentOutOfRangeException.ThrowIfNotEqual(product.Length, _perRow * d);
        ulong[] e = Opened(theirs);
        ulong one = _session.IsParty0 ? 1UL : 0UL;
        for (int t = 0; t < _count; t++)
        {
            z[t] = PackedBits.Get(e, t) == 1 ? one - _r[t] : _r[t];
        }
        product.Clear();
        ReadOnlySpan<ulong> opened = _x.Opened, mask = _x.MaskShare;
        for (int t = 0; t < laid; t++)
        {
            int row = t / _perRow;
            bool flipped = PackedBits.Get(e, t) == 1;
            Span<ulong> target = product.Slice(t % _perRow * d, d);
            ReadOnlySpan<ulong> eRow = opened.Slice(row * d, d), uRow = mask.Slice(row * d, d), pRow = _products.AsSpan(t * d, d);
            for (int l = 0; l < d; l++)
            {
                target[l] += z[t] * eRow[l] + (flipped ? uRow[l] - pRow[l] : pRow[l]);
            }
        }
    }
}
