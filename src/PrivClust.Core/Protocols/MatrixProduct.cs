using PrivClust.Core.Arithmetic;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Matrix products with a <see cref="FixedMatrix"/> operand whose mask is reused: one round, opening only the
/// changing operand's fresh mask (8·columns·k or 8·k·rows bytes per party). A product of two changing
/// matrices masks the left one freshly (<see cref="FixedMatrix.Create"/>) first: 8·(n·d + d·k) in all.
/// </summary>
public static class MatrixProduct
{
    /// <summary>Z (rows×k) = X · Y for the fixed X (rows×columns) and shared Y (columns×k).</summary>
    /// <param name="ySquares">When not empty: also Y∘Y (element-wise squares of Y), from the same opening.</param>
    /// <param name="rider">An output opening that shares this round (see <see cref="OutputOpening"/>).</param>
    /// <param name="width">
    /// Not 0: z is wanted modulo 2^width only (a comparison in Z_2^width reads nothing else), so the dealer's share of U·B
    /// travels packed at that width; z's higher bits are then meaningless.
    /// </param>
    /// <param name="products">Beaver products whose openings share this round; they are finished when it returns.</param>
    public static void MultiplyLeft(PartySession session, FixedMatrix x, ReadOnlySpan<ulong> y, int k, Span<ulong> z, Span<ulong> ySquares = default,
        OutputOpening? rider = null, int width = 0, PreparedProducts? products = null)
    {
        int rows = x.Rows, columns = x.Columns;
        Check(y.Length, columns * k, z.Length, rows * k);
        ulong[] b = new ulong[columns * k], f = new ulong[columns * k], bSquares = new ulong[ySquares.IsEmpty ? 0 : columns * k];
        // The dealer's share C_i of U·B goes straight into z, which then accumulates the rest.
        session.Correlations.LeftMatrixTriple(x.MaskId, k, b, z, bSquares, width);
        OpenDifference(session, y, b, f, "matrix F", rider, products);
        // Y∘Y = (F + B)∘(F + B): this party's share is [i=0]F∘F + 2F∘B_i + (B∘B)_i.
        for (int i = 0; i < bSquares.Length; i++)
        {
            ySquares[i] = (session.IsParty0 ? f[i] * f[i] : 0) + 2 * f[i] * b[i] + bSquares[i];
        }
        // X·Y = (E + U)(F + B): this party's share is E·(B_i + [i=0]F) + U_i·F + C_i.
        if (session.IsParty0)
        {
            Ring.Add<ulong>(b, f, b);
        }
        MatrixOps.MultiplyAddPair(x.Opened, b, x.MaskShare, f, z, z, rows, columns, k);
    }

    /// <summary>
    /// <see cref="MultiplyLeft"/> with squares for Y = Base − b whose bits b are still binary shares (a division's borrows,
    /// <see cref="PendingQuotients"/>): the B2A of b rides in the product's own opening, so Y costs no round of its own. One
    /// round opens F = Base − B (8 bytes per element of Y) and e = b ⊕ r (one bit) for the dealer's daBits r
    /// (<see cref="Correlations.CorrelationKind.LeftMatrixTripleWithBorrows"/>). With s = 1 − 2e, b = e + s·r, so
    /// Y = F + B − e − s·r, Y∘Y = Base∘Base − 2·Base∘b + b with Base∘r = F∘r + B∘r, and
    /// X·Y = E·Y + U·(F − e) + U·B − Σ_l s[l, j]·U[i, l]·r[l, j] are all local.
    /// </summary>
    /// <param name="baseShares">Shares of Base (columns×k).</param>
    /// <param name="borrowBits">Binary shares of b (columns×k bits, packed; bits beyond them are ignored).</param>
    /// <param name="y">Receives this party's Z_2^64 share of Y (columns×k).</param>
    /// <param name="rider">An output opening that shares this round; binary or not.</param>
    public static void MultiplyLeftPending(PartySession session, FixedMatrix x, ReadOnlySpan<ulong> baseShares, ReadOnlySpan<ulong> borrowBits, int k,
        Span<ulong> z, Span<ulong> ySquares, Span<ulong> y, OutputOpening? rider = null)
    {
        int rows = x.Rows, columns = x.Columns, cells = columns * k, words = PackedBits.Words(cells);
        Check(baseShares.Length, cells, z.Length, rows * k);
        Check(ySquares.Length, cells, y.Length, cells);
        ulong[] b = new ulong[cells], squares = new ulong[cells], rBits = new ulong[words], r = new ulong[cells], bProducts = new ulong[cells];
        using var products = new PooledBuffer<ulong>(rows * cells);
        Span<ulong> maskProducts = products.Span;
        session.Correlations.LeftMatrixTripleWithBorrows(x.MaskId, k, b, z, squares, rBits, r, maskProducts, bProducts);
        int outputs = rider?.Shares.Length ?? 0;
        ulong[] mine = new ulong[cells + words + outputs], theirs = new ulong[mine.Length];
        Ring.Subtract(baseShares, b, mine.AsSpan(0, cells));
        for (int w = 0; w < words; w++)
        {
            mine[cells + w] = borrowBits[w] ^ rBits[w];
        }
        PackedBits.ClearAbove(mine.AsSpan(cells, words), cells);
        rider?.Shares.CopyTo(mine, cells + words);
        session.Exchange<ulong>(mine, theirs);
        rider?.Finish(session, mine.AsSpan(cells + words, outputs), theirs.AsSpan(cells + words, outputs));
        ulong[] f = new ulong[cells], g = new ulong[cells], sign = new ulong[cells], e = new ulong[words];
        Ring.Add<ulong>(mine.AsSpan(0, cells), theirs.AsSpan(0, cells), f);
        for (int w = 0; w < words; w++)
        {
            e[w] = mine[cells + w] ^ theirs[cells + w];
        }
        session.Observe("matrix F", OpeningKind.Masked, f);
        session.Observe("b2a e", OpeningKind.Masked, e);
        bool p0 = session.IsParty0;
        for (int t = 0; t < cells; t++)
        {
            ulong bit = (e[t >> 6] >> (t & 63)) & 1, s = 1 - 2 * bit, own = p0 ? 1UL : 0;
            ulong borrow = own * bit + s * r[t];                      // b = e + s·r
            ulong baseShare = own * f[t] + b[t];                      // Base = F + B
            ulong baseSquare = own * f[t] * f[t] + 2 * f[t] * b[t] + squares[t];
            ulong baseTimesBorrow = bit * baseShare + s * (f[t] * r[t] + bProducts[t]);
            y[t] = baseShare - borrow;
            ySquares[t] = baseSquare - 2 * baseTimesBorrow + borrow;
            g[t] = f[t] - bit;
            sign[t] = s;
        }
        // X·Y = E·Y + U·(F − e) + U·B − Σ_l s[l, j]·U[i, l]·r[l, j]; z holds this party's share of U·B.
        MatrixOps.MultiplyAddPair(x.Opened, y, x.MaskShare, g, z, z, rows, columns, k);
        SubtractSignedProducts(z, maskProducts, sign, rows, columns, k);
    }

    /// <summary>z[i, j] −= Σ_l sign[l, j]·products[(i·columns + l)·k + j].</summary>
    private static void SubtractSignedProducts(Span<ulong> z, ReadOnlySpan<ulong> products, ReadOnlySpan<ulong> sign, int rows, int columns, int k)
    {
        for (int i = 0; i < rows; i++)
        {
            Span<ulong> row = z.Slice(i * k, k);
            for (int l = 0; l < columns; l++)
            {
                ReadOnlySpan<ulong> p = products.Slice((i * columns + l) * k, k), s = sign.Slice(l * k, k);
                for (int j = 0; j < k; j++)
                {
                    row[j] -= s[j] * p[j];
                }
            }
        }
    }

    /// <summary>Z (k×columns) = Y · X for shared Y (k×rows) and the fixed X (rows×columns).</summary>
    /// <param name="rider">An output opening that shares this round (see <see cref="OutputOpening"/>).</param>
    /// <param name="products">Beaver products whose openings share this round; they are finished when it returns.</param>
    public static void MultiplyRight(PartySession session, ReadOnlySpan<ulong> y, int k, FixedMatrix x, Span<ulong> z, OutputOpening? rider = null,
        PreparedProducts? products = null) =>
        MultiplyRight(session, y, k, x, z, rider, products, transposed: false);

    /// <summary>
    /// Z (k×columns) = Yᵀ · X for shared Y laid out rows×k (e.g. mean-shift's window weights, one row per data row): the
    /// same product and opening as <see cref="MultiplyRight(PartySession, ReadOnlySpan{ulong}, int, FixedMatrix, Span{ulong}, OutputOpening?, PreparedProducts?)"/>
    /// of Yᵀ, with the transposition folded into the masking (no k×rows copy of Y). With <paramref name="bits"/> below 64,
    /// F = Yᵀ − V is opened modulo 2^bits only (bits per element instead of 64; V mod 2^bits is uniform too) and z holds
    /// shares of the product modulo 2^bits, for the caller to lift (<see cref="RingLift"/>) when it knows a bound.
    /// </summary>
    public static void MultiplyTransposedRight(PartySession session, ReadOnlySpan<ulong> y, int k, FixedMatrix x, Span<ulong> z,
        OutputOpening? rider = null, PreparedProducts? products = null, int bits = 64) =>
        MultiplyRight(session, y, k, x, z, rider, products, transposed: true, bits);

    private static void MultiplyRight(PartySession session, ReadOnlySpan<ulong> y, int k, FixedMatrix x, Span<ulong> z, OutputOpening? rider,
        PreparedProducts? products, bool transposed, int bits = 64)
    {
        int rows = x.Rows, columns = x.Columns;
        Check(y.Length, k * rows, z.Length, k * columns);
        ulong[] w = new ulong[k * columns];
        using var vBuffer = new PooledBuffer<ulong>(k * rows);
        using var fBuffer = new PooledBuffer<ulong>(k * rows);
        Span<ulong> v = vBuffer.Span, f = fBuffer.Span;
        session.Correlations.RightMatrixTriple(x.MaskId, k, v, w);
        OpenDifference(session, y, v, f, "matrix F", rider, products, transposedRows: transposed ? rows : 0, bits);
        // Y·X = (F + V)(E + U): this party's share is (V_i + [i=0]F)·E + F·U_i + W_i.
        if (session.IsParty0)
        {
            Ring.Add<ulong>(v, f, v);
        }
        MatrixOps.MultiplyAddPair(v, x.Opened, f, x.MaskShare, w, z, k, rows, columns);
    }

    /// <summary>Opens f = y − mask (one round), with the rider's shares and the prepared products' openings in the same message.</summary>
    /// <param name="transposedRows">When not 0: y is laid out transposed to the mask (transposedRows × mask.Length / transposedRows).</param>
    /// <param name="bits">Below 64: f only modulo 2^bits, sent packed at that width (the rider and products stay whole).</param>
    private static void OpenDifference(PartySession session, ReadOnlySpan<ulong> y, ReadOnlySpan<ulong> mask, Span<ulong> f, string what,
        OutputOpening? rider = null, PreparedProducts? products = null, int transposedRows = 0, int bits = 64)
    {
        int outputs = rider?.Shares.Length ?? 0, masked = products?.Masked.Length ?? 0, n = y.Length;
        int head = bits == 64 ? n : BitPlanes.FieldWords(n, bits);
        using var mineBuffer = new PooledBuffer<ulong>(head + outputs + masked);
        using var theirsBuffer = new PooledBuffer<ulong>(head + outputs + masked);
        Span<ulong> mine = mineBuffer.Span, theirs = theirsBuffer.Span;
        Span<ulong> difference = bits == 64 ? mine[..n] : f;
        if (transposedRows == 0)
        {
            Ring.Subtract(y, mask, difference);
        }
        else
        {
            MatrixOps.TransposeSubtract(y, mask, difference, transposedRows, n / transposedRows);
        }
        if (bits < 64)
        {
            BitPlanes.PackFields(difference, bits, mine[..head]);
        }
        rider?.Shares.CopyTo(mine[head..]);
        products?.Masked.CopyTo(mine[(head + outputs)..]);
        session.Exchange<ulong>(mine, theirs);
        rider?.Finish(session, mine.Slice(head, outputs), theirs.Slice(head, outputs));
        if (bits == 64)
        {
            Ring.Add<ulong>(mine, theirs, mine);
            mine[..n].CopyTo(f);
        }
        else
        {
            Ring.Add<ulong>(mine[head..], theirs[head..], mine[head..]);
            BitPlanes.AddFields(theirs[..head], bits, f);
        }
        session.Observe(what, OpeningKind.Masked, f);
        products?.Complete(mine[(head + outputs)..]);
    }

    private static void Check(int yLength, int yExpected, int zLength, int zExpected)
    {
        if (yLength != yExpected || zLength != zExpected)
        {
            throw new ArgumentException($"Matrix shapes do not fit: operand {yLength} (expected {yExpected}), result {zLength} (expected {zExpected}).");
        }
    }
}
