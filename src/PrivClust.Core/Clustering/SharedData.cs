using PrivClust.Core.Arithmetic;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// The joint data X (n×d, scale f) as additive shares, masked once for all products (<see cref="FixedMatrix"/>),
/// with the squared row norms ||x_i||² (scale 2f) computed on first use.
/// </summary>
internal sealed class SharedData
{
    private ulong[]? _squaredNorms;
    private bool _rehearsalCopy;

    private SharedData(FixedMatrix x) => X = x;

    public FixedMatrix X { get; }
    public int Rows => X.Rows;
    public int Columns => X.Columns;
    public ulong[] Share => X.Share;

    /// <summary>Horizontal: party a's rows then party b's, shared with no communication, then masked (1 round).</summary>
    public static SharedData Horizontal(PartySession session, ReadOnlySpan<ulong> ownEncoded, int rowsA, int rowsB, int columns)
    {
        ulong[] share = new ulong[(rowsA + rowsB) * columns];
        Sharing.Input(session, 0, session.IsParty0 ? ownEncoded : [], share.AsSpan(0, rowsA * columns));
        Sharing.Input(session, 1, session.IsParty0 ? [] : ownEncoded, share.AsSpan(rowsA * columns));
        return new SharedData(FixedMatrix.Create(session, share, rowsA + rowsB, columns));
    }

    /// <summary>Vertical: row i is a's columns then b's columns of the i-th entity (both parties in the same row order).</summary>
    public static SharedData Vertical(PartySession session, ReadOnlySpan<ulong> ownEncoded, int rows, int columnsA, int columnsB)
    {
        ulong[] a = new ulong[rows * columnsA], b = new ulong[rows * columnsB];
        Sharing.Input(session, 0, session.IsParty0 ? ownEncoded : [], a);
        Sharing.Input(session, 1, session.IsParty0 ? [] : ownEncoded, b);
        int d = columnsA + columnsB;
        ulong[] share = new ulong[rows * d];
        for (int i = 0; i < rows; i++)
        {
            a.AsSpan(i * columnsA, columnsA).CopyTo(share.AsSpan(i * d));
            b.AsSpan(i * columnsB, columnsB).CopyTo(share.AsSpan(i * d + columnsA));
        }
        return new SharedData(FixedMatrix.Create(session, share, rows, d));
    }

    /// <summary>This party's state of the shared data, for a checkpoint (the arrays themselves, not copies: they never change).</summary>
    public SharedDataState Capture() => new(X.MaskId, Rows, Columns, X.Share, X.MaskShare, X.Opened, _squaredNorms);

    /// <summary>The shared data as a checkpoint held it (no interaction).</summary>
    public static SharedData Restore(SharedDataState state) =>
        new(FixedMatrix.Restore(state.MaskId, state.Rows, state.Columns, state.MaskShare, state.Opened, state.Share)) { _squaredNorms = state.SquaredNorms };

    /// <summary>
    /// A copy for a rehearsal of several steps (<see cref="PlanRehearsal"/>): it caches its own squared norms, so the
    /// rehearsal asks for them exactly when the real run will, from the cache state of now; this data's cache is untouched.
    /// </summary>
    internal SharedData ForRehearsal() => new(X) { _squaredNorms = _squaredNorms, _rehearsalCopy = true };

    /// <summary>||x_i||² at scale 2f (one round, the first time; a rehearsal's garbage is kept only by a rehearsal copy).</summary>
    public ulong[] SquaredNorms(PartySession session)
    {
        if (_squaredNorms is not null)
        {
            return _squaredNorms;
        }
        ulong[] squares = new ulong[Share.Length];
        Multiplication.Square(session, Share, squares);
        ulong[] norms = RowSums(squares, Rows, Columns);
        if (!session.IsRehearsal || _rehearsalCopy)
        {
            _squaredNorms = norms;
        }
        return norms;
    }

    /// <summary>This party's share of rows <paramref name="indices"/> (public indices, secret values): local.</summary>
    public ulong[] RowsAt(IReadOnlyList<int> indices)
    {
        ulong[] rows = new ulong[indices.Count * Columns];
        for (int r = 0; r < indices.Count; r++)
        {
            Share.AsSpan(indices[r] * Columns, Columns).CopyTo(rows.AsSpan(r * Columns));
        }
        return rows;
    }

    public static ulong[] RowSums(ReadOnlySpan<ulong> matrix, int rows, int columns)
    {
        ulong[] sums = new ulong[rows];
        for (int i = 0; i < rows; i++)
        {
            ulong s = 0;
            foreach (ulong v in matrix.Slice(i * columns, columns))
            {
                s += v;
            }
            sums[i] = s;
        }
        return sums;
    }

    /// <summary>
    /// Squared distances (scale 2f) from every row to each of the k points C (k×d, scale f), without ||x||²:
    /// D[i, c] = ||c||² − 2·x_i·c. One round: X·Cᵀ with X's mask reused, and ||c||² from the same opening.
    /// </summary>
    /// <param name="destination">Where to write them (n×k; e.g. a buffer reused across iterations); null: a new array.</param>
    public ulong[] PartialDistances(PartySession session, ReadOnlySpan<ulong> centroids, int k, OutputOpening? rider = null, ulong[]? destination = null)
    {
        ulong[] dots = destination ?? new ulong[Rows * k];
        PartialDistances(session, centroids, k, dots, rider);
        return dots;
    }

    /// <summary><see cref="PartialDistances(PartySession, ReadOnlySpan{ulong}, int, OutputOpening?, ulong[])"/> into the first rows·k elements of <paramref name="dots"/>.</summary>
    /// <param name="width">Not 0: the distances are wanted modulo 2^width only (<see cref="MatrixProduct.MultiplyLeft"/>).</param>
    public void PartialDistances(PartySession session, ReadOnlySpan<ulong> centroids, int k, Span<ulong> dots, OutputOpening? rider = null, int width = 0)
    {
        ulong[] transposed = new ulong[Columns * k], squares = new ulong[Columns * k];
        MatrixOps.Transpose(centroids, transposed, k, Columns);
        MatrixProduct.MultiplyLeft(session, X, transposed, k, dots[..(Rows * k)], squares, rider, width);
        ToPartialDistances(SharedData.ColumnSums(squares, Columns, k), k, dots);
    }

    /// <summary>
    /// Distances relative to the last point, for an argmin: D[i, c] = (||c||² − ||c_l||²) − 2·x_i·(c − c_l) for l = k − 1,
    /// that is the partial distances minus each row's last one (so D[i, l] = 0, both shares zero). Every difference of two
    /// of them equals that of the partial distances exactly (in the ring), so every comparison, and the argmin with its ties,
    /// is the same; but the product has k − 1 columns, which saves the dealer n·8 bytes. One round: X·(C − c_l)ᵀ with X's
    /// mask reused, and ||c||² − ||c_l||² = (c − c_l)·(c + c_l) as (k − 1)·d Beaver products riding in its opening.
    /// </summary>
    public void RelativeDistances(PartySession session, ReadOnlySpan<ulong> centroids, int k, Span<ulong> dots, OutputOpening? rider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        int d = Columns, l = k - 1;
        ulong[] difference = new ulong[l * d], sum = new ulong[l * d], transposed = new ulong[d * l];
        ReadOnlySpan<ulong> last = centroids.Slice(l * d, d);
        for (int c = 0; c < l; c++)
        {
            for (int t = 0; t < d; t++)
            {
                difference[c * d + t] = centroids[c * d + t] - last[t];
                sum[c * d + t] = centroids[c * d + t] + last[t];
            }
        }
        var norms = new PreparedProducts(session, difference, sum);
        MatrixOps.Transpose(difference, transposed, l, d);
        using var productBuffer = new PooledBuffer<ulong>(Rows * l);
        Span<ulong> product = productBuffer.Span;
        MatrixProduct.MultiplyLeft(session, X, transposed, l, product, rider: rider, products: norms);
        ulong[] normDifferences = RowSums(norms.Products!, l, d);
        for (int i = 0; i < Rows; i++)
        {
            for (int c = 0; c < l; c++)
            {
                dots[i * k + c] = normDifferences[c] - 2 * product[i * l + c];
            }
            dots[i * k + l] = 0;
        }
    }

    /// <summary>
    /// <see cref="PartialDistances(PartySession, ReadOnlySpan{ulong}, int, Span{ulong}, OutputOpening?, int)"/> of the points
    /// C = Base − b (k×d) whose bits b are still binary shares (a division's borrows): the B2A of b rides in the same round
    /// (<see cref="MatrixProduct.MultiplyLeftPending"/>), which also yields this party's Z_2^64 share of C in <paramref name="points"/>.
    /// </summary>
    /// <param name="borrowBits">Binary shares of b, k×d bits packed row-major.</param>
    public void PartialDistances(PartySession session, ReadOnlySpan<ulong> baseShares, ReadOnlySpan<ulong> borrowBits, int k, Span<ulong> dots,
        Span<ulong> points, OutputOpening? rider = null)
    {
        int d = Columns, cells = k * d;
        ulong[] transposed = new ulong[cells], squares = new ulong[cells], y = new ulong[cells];
        ulong[] bitsTransposed = new ulong[PackedBits.Words(cells)];
        MatrixOps.Transpose(baseShares, transposed, k, d);
        for (int c = 0; c < k; c++)
        {
            for (int l = 0; l < d; l++)
            {
                PackedBits.Set(bitsTransposed, l * k + c, PackedBits.Get(borrowBits, c * d + l));
            }
        }
        MatrixProduct.MultiplyLeftPending(session, X, transposed, bitsTransposed, k, dots[..(Rows * k)], squares, y, rider);
        MatrixOps.Transpose(y, points, d, k);
        ToPartialDistances(SharedData.ColumnSums(squares, d, k), k, dots);
    }

    private void ToPartialDistances(ReadOnlySpan<ulong> norms, int k, Span<ulong> dots)
    {
        for (int i = 0; i < Rows; i++)
        {
            for (int c = 0; c < k; c++)
            {
                dots[i * k + c] = norms[c] - 2 * dots[i * k + c];
            }
        }
    }

    /// <summary>Full squared distances ||x_i − c||² (scale 2f): <see cref="PartialDistances"/> plus ||x_i||².</summary>
    /// <param name="destination">Where to write them (its first rows·k elements; it may be longer), or null for a new array.</param>
    /// <param name="rider">An output opening that shares the round.</param>
    public ulong[] Distances(PartySession session, ReadOnlySpan<ulong> centroids, int k, ulong[]? destination = null, OutputOpening? rider = null)
    {
        ulong[] d = destination ?? new ulong[Rows * k];
        Distances(session, centroids, k, d.AsSpan(), rider);
        return d;
    }

    /// <summary><see cref="Distances(PartySession, ReadOnlySpan{ulong}, int, ulong[], OutputOpening?)"/> into the first rows·k elements of <paramref name="d"/>.</summary>
    public void Distances(PartySession session, ReadOnlySpan<ulong> centroids, int k, Span<ulong> d, OutputOpening? rider = null, int width = 0)
    {
        PartialDistances(session, centroids, k, d, rider, width);
        ulong[] norms = SquaredNorms(session);
        for (int i = 0; i < Rows; i++)
        {
            for (int c = 0; c < k; c++)
            {
                d[i * k + c] += norms[i];
            }
        }
    }

    /// <summary>Σ_i w[i, c]·x_i for each of k columns of a 0/1 (or weight) matrix w (n×k): k×d, one round.</summary>
    /// <param name="bits">
    /// Below 64: the weights' opening is reduced to this many bits (<see cref="MatrixProduct.MultiplyTransposedRight"/>)
    /// and the sums, known to lie within ±2^(bits−2), are lifted back to Z_2^64 in one more round (<see cref="RingLift"/>).
    /// </param>
    public ulong[] WeightedSums(PartySession session, ReadOnlySpan<ulong> weights, int k, OutputOpening? rider = null, PreparedProducts? products = null,
        int bits = 64)
    {
        ulong[] sums = new ulong[k * Columns];
        MatrixProduct.MultiplyTransposedRight(session, weights, k, X, sums, rider, products, bits);
        if (bits < 64)
        {
            RingLift.Lift(session, sums, bits);
        }
        return sums;
    }

    /// <summary>Column sums of an n×k matrix (local).</summary>
    public static ulong[] ColumnSums(ReadOnlySpan<ulong> matrix, int rows, int k)
    {
        ulong[] sums = new ulong[k];
        for (int i = 0; i < rows; i++)
        {
            for (int c = 0; c < k; c++)
            {
                sums[c] += matrix[i * k + c];
            }
        }
        return sums;
    }
}
