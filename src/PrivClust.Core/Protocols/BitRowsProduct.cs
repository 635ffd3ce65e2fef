namespace PrivClust.Core.Protocols;

/// <summary>
/// B2A of bits laid over the rows of a fixed matrix X (<paramref name="perRow"/> bits per row: bit t belongs to row
/// t / perRow), with the product Σ_i z[i, j]·X[i, l] (perRow × columns) in the same single round, and more plain bits
/// after them in that round. The daBits of the laid-out bits come with shares of r_t·U[row, l] for X's mask U
/// (<see cref="Correlations.CorrelationKind.DaBitMaskProducts"/>); after the opening e = b ⊕ r, z = e ? 1 − r : r and
/// z·X[i, l] = z·E[i, l] + (e ? U[i, l] − r·U[i, l] : r·U[i, l]) are local (E = X − U is public). So k-means' sums
/// Oᵀ·X need no round of their own: 8·n·k·d more dealer bytes, 8·n·k fewer per party, one round fewer.
/// </summary>
internal static class BitRowsProduct
{
    /// <param name="bits">Packed binary shares: the first x.Rows·perRow laid over X's rows, then plain ones (z.Length in all).</param>
    /// <param name="z">Arithmetic shares of every bit.</param>
    /// <param name="product">perRow × x.Columns shares of Σ_i z[i·perRow + j]·X[i, l].</param>
    public static void BitsToArithmetic(PartySession session, ReadOnlySpan<ulong> bits, int perRow, FixedMatrix x, Span<ulong> z, Span<ulong> product)
    {
        int laid = x.Rows * perRow, plain = z.Length - laid, d = x.Columns;
        ArgumentOutOfRangeException.ThrowIfNegative(plain);
        ArgumentOutOfRangeException.ThrowIfNotEqual(product.Length, perRow * d);
        ulong[] daBinary = new ulong[PackedBits.Words(z.Length)], laidBits = new ulong[PackedBits.Words(laid)];
        ulong[] plainBits = new ulong[PackedBits.Words(plain)], r = new ulong[z.Length], products = new ulong[laid * d];
        session.Correlations.DaBitMaskProducts(x.MaskId, perRow, laidBits, r.AsSpan(0, laid), products);
        session.Correlations.DaBits<ulong>(plainBits, r.AsSpan(laid));
        PackedBits.Deposit(laidBits, laid, daBinary, 0);
        PackedBits.Deposit(plainBits, plain, daBinary, laid);
        ulong[] masked = new ulong[daBinary.Length], e = new ulong[daBinary.Length];
        for (int w = 0; w < masked.Length; w++)
        {
            masked[w] = bits[w] ^ daBinary[w];
        }
        Sharing.OpenBits(session, masked, e, OpeningKind.Masked, "b2a e");
        ulong one = session.IsParty0 ? 1UL : 0UL;
        for (int t = 0; t < z.Length; t++)
        {
            z[t] = PackedBits.Get(e, t) == 1 ? one - r[t] : r[t];
        }
        product.Clear();
        ReadOnlySpan<ulong> opened = x.Opened, mask = x.MaskShare;
        for (int t = 0; t < laid; t++)
        {
            int row = t / perRow;
            bool flipped = PackedBits.Get(e, t) == 1;
            Span<ulong> target = product.Slice(t % perRow * d, d);
            ReadOnlySpan<ulong> eRow = opened.Slice(row * d, d), uRow = mask.Slice(row * d, d), pRow = products.AsSpan(t * d, d);
            for (int l = 0; l < d; l++)
            {
                target[l] += z[t] * eRow[l] + (flipped ? uRow[l] - pRow[l] : pRow[l]);
            }
        }
    }
}
