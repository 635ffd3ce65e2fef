using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// The assignment step of one Lloyd iteration, from the shares of the partial distances (n×k): the one-hot of each
/// row's nearest centroid as binary shares (kept for the next iteration's convergence test), the same one-hot as
/// arithmetic shares laid out k×n (the left operand of Oᵀ·X, whose row sums are the counts), and this party's share of
/// Σ (o ⊕ o_prev) when there is a previous one-hot.
/// <para>
/// Jobs larger than <see cref="UnchunkedRows"/> rows run it in chunks of <see cref="DefaultChunkRows"/> rows, one
/// after the other: argmin and the B2A of each chunk's bits, so that the working space is O(chunk × k) rather than
/// O(n × k). Each chunk costs the argmin's and the B2A's rounds again (9·⌈log2 k⌉ + 1 with the tournament): the
/// trade of rounds for memory, taken only where n makes an iteration seconds long. A job of one chunk runs exactly
/// the unchunked protocol (same rounds, same messages, same correlation requests).
/// </para>
/// </summary>
internal sealed class LloydAssignment
{
    /// <summary>Jobs up to this many rows are not chunked: they run exactly the unchunked protocol.</summary>
    public const int UnchunkedRows = 1 << 18;

    /// <summary>
    /// Rows per chunk of a larger job (10^6 rows: 4 chunks). Since the wire and the comparison stopped allocating large
    /// temporaries (stop 13), 2^18 keeps a party of blobs-1e6 near 1 GB (three processes) and saves half the chunks'
    /// rounds over 2^17 (blobs-1e6: 104 instead of 192 rounds, 1.79 instead of 2.06 s per iteration).
    /// </summary>
    public const int DefaultChunkRows = 1 << 18;

    private LloydAssignment(ulong[] bits, ulong[] oneHotByCluster, ulong changed, int changeWidth, ulong[]? sums)
    {
        ChangedUnit = 1UL << (64 - changeWidth);
        Bits = bits;
        OneHotByCluster = oneHotByCluster;
        Changed = changed * ChangedUnit;
        Sums = sums;
    }

    /// <summary>Binary shares of the one-hot, n×k bits packed row-major.</summary>
    public ulong[] Bits { get; }

    /// <summary>Arithmetic 0/1 shares of the one-hot, k×n (cluster-major).</summary>
    public ulong[] OneHotByCluster { get; }

    /// <summary>
    /// This party's share of 2^(64 − K)·Σ (o ⊕ o_prev) over the first k − 1 columns (0 without a previous one-hot; zero
    /// exactly when no row moved, see <see cref="ToArithmetic"/>): the XOR bits are converted in Z_2^K only, K =
    /// <see cref="ChangeWidth"/>(n) (Σ ≤ 2n &lt; 2^(K − 1)), and 2^(64 − K) times a Z_2^K share is a Z_2^64 share of
    /// 2^(64 − K)·Σ, negative after subtracting <see cref="ChangedUnit"/> = 2^(64 − K) exactly when Σ = 0.
    /// </summary>
    public ulong Changed { get; }

    /// <summary>2^(64 − K): the share <see cref="Changed"/> counts in these units.</summary>
    public ulong ChangedUnit { get; }

    /// <summary>
    /// The ring Z_2^K of the change count for n rows: Σ ≤ 2n must stay below 2^(K − 1), so K = bitlength(2n) + 1 (19 at
    /// 10^5 rows; 32, the whole-width daBits, from 2^29 rows on): the dealer sends K bits a daBit instead of 32.
    /// </summary>
    public static int ChangeWidth(int n) => Math.Min(32, 64 - System.Numerics.BitOperations.LeadingZeroCount(2UL * (ulong)n) + 1);

    /// <summary>This party's share of the sums Oᵀ·X (k×d) when they rode in the B2A round, else null.</summary>
    public ulong[]? Sums { get; }

    /// <param name="distances">Shares of the n×k partial distances.</param>
    /// <param name="previous">The previous iteration's <see cref="Bits"/>, or null in the first iteration.</param>
    /// <param name="chunkRows">Rows per chunk (any positive number; tests use small ones); 0: <see cref="ChunkRowsFor"/>.</param>
    /// <param name="byCluster">The k×n buffer for <see cref="OneHotByCluster"/> (reused across iterations); null: a new array.</param>
    /// <param name="data">The data X: with it, an unchunked job of n·k·d ≤ <see cref="BitRowsProduct.MaxProducts"/> gets <see cref="Sums"/>.</param>
    public static LloydAssignment Run(PartySession session, ReadOnlySpan<ulong> distances, int n, int k, ulong[]? previous, int chunkRows = 0,
        ulong[]? byCluster = null, FixedMatrix? data = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunkRows);
        bool allPairs = (long)n * k * (k - 1) / 2 <= SecureLloyd.AllPairsLimit;
        int chunk = Math.Max(1, allPairs ? n : Math.Min(n, chunkRows > 0 ? chunkRows : ChunkRowsFor(n))), changeWidth = ChangeWidth(n);
        ulong[] bits = new ulong[PackedBits.Words(n * k)];
        byCluster ??= new ulong[k * n];
        uint changed = 0;
        FixedMatrix? sumsOf = data is not null && chunk == n && (long)n * k * data.Columns <= BitRowsProduct.MaxProducts ? data : null;
        ulong[]? sums = sumsOf is null ? null : new ulong[k * sumsOf.Columns];
        for (int start = 0; start < n; start += chunk)
        {
            int rows = Math.Min(chunk, n - start);
            ReadOnlySpan<ulong> values = distances.Slice(start * k, rows * k);
            ulong[] chunkBits;
            using (session.Stats.Phase("comparisons"))
            {
                chunkBits = allPairs
                    ? AllPairsArgMin.ArgMinBits(session, values, rows, k)
                    : Tournament.ArgMinBits(session, values, rows, k, Span<ulong>.Empty);
            }
            PackedBits.Deposit(chunkBits, rows * k, bits, start * k);
            using (session.Stats.Phase("update"))
            {
                changed += ToArithmetic(session, chunkBits, previous, start, rows, k, byCluster.AsSpan(), n, sumsOf, sums, changeWidth);
            }
        }
        return new LloydAssignment(bits, byCluster, changed, changeWidth, sums);
    }

    /// <summary>Rows per chunk for a job of n rows: all of them up to <see cref="UnchunkedRows"/>, else <see cref="DefaultChunkRows"/>.</summary>
    public static int ChunkRowsFor(int n) => n <= UnchunkedRows ? n : DefaultChunkRows;

    /// <summary>
    /// One B2A round for a chunk's one-hot bits and, with a previous one-hot, their XOR with it (in Z_2^K only, K =
    /// <paramref name="changeWidth"/>): writes the one-hot into rows [start, start + rows) of the k×n layout and returns
    /// the share of the XOR's sum (its low K bits); with <paramref name="sumsOf"/> (the whole job in one chunk) the same
    /// round gives the sums Oᵀ·X.
    /// <para>
    /// Each row has exactly one bit set, so only the first k − 1 columns travel: the last column's one-hot is 1 minus the
    /// others' sum (locally, without <paramref name="sumsOf"/>), and a row whose one-hot moved flips at least one of its
    /// first k − 1 bits (it moved from one column to another, and at most one of them is the last), so the XOR's sum over
    /// k − 1 columns is zero exactly when nothing changed. That saves the dealer a column of daBits of each kind: 8 + K/8
    /// bytes a row.
    /// </para>
    /// </summary>
    private static uint ToArithmetic(PartySession session, ulong[] chunkBits, ulong[]? previous, int start, int rows, int k,
        Span<ulong> byCluster, int n, FixedMatrix? sumsOf, ulong[]? sums, int changeWidth)
    {
        int cells = rows * k, kept = Math.Max(1, k - 1), keptCells = rows * kept;
        int stride = sumsOf is null ? kept : k, oneHotCells = rows * stride, xorCells = previous is null ? 0 : keptCells;
        int total = oneHotCells + xorCells;
        using var packed = new PooledBuffer<ulong>(PackedBits.Words(total));
        using var converted = new PooledBuffer<ulong>(total);
        using var xorConverted = new PooledBuffer<uint>(xorCells);
        packed.Span.Clear();
        PackedBits.DepositGroupPrefixes(chunkBits, rows, k, stride, packed.Span, 0);
        if (previous is not null)
        {
            using var before = new PooledBuffer<ulong>(PackedBits.Words(cells));
            PackedBits.Extract(previous, start * k, cells, before.Span);
            Span<ulong> xor = before.Span;
            for (int w = 0; w < xor.Length; w++)
            {
                xor[w] ^= chunkBits[w];
            }
            PackedBits.DepositGroupPrefixes(xor, rows, k, kept, packed.Span, oneHotCells);
        }
        if (sumsOf is null)
        {
            Comparison.BitsToArithmetic<ulong>(session, packed.Span, converted.Span[..oneHotCells], xorConverted.Span, changeWidth);
        }
        else
        {
            // Small data: all bits in Z_2^64 with the sums; the low 32 bits of a Z_2^64 share are a Z_2^32 share.
            BitRowsProduct.BitsToArithmetic(session, packed.Span, k, sumsOf, converted.Span, sums);
            for (int i = 0; i < xorConverted.Span.Length; i++)
            {
                xorConverted.Span[i] = (uint)converted.Span[oneHotCells + i];
            }
        }
        WriteByCluster(session, converted.Span[..oneHotCells], stride, k, byCluster, n, start, rows);
        uint changed = 0;
        foreach (uint v in xorConverted.Span)
        {
            changed += v;
        }
        return changed;
    }

    /// <summary>
    /// Writes a chunk's one-hot (rows × <paramref name="stride"/>, row-major) into rows [start, start + rows) of the k×n
    /// layout; with stride k − 1 the last column is 1 − the row's sum (party 0 adds the 1).
    /// </summary>
    private static void WriteByCluster(PartySession session, ReadOnlySpan<ulong> oneHot, int stride, int k, Span<ulong> byCluster, int n, int start, int rows)
    {
        for (int c = 0; c < stride; c++)
        {
            Span<ulong> column = byCluster.Slice(c * n + start, rows);
            for (int i = 0; i < rows; i++)
            {
                column[i] = oneHot[i * stride + c];
            }
        }
        if (stride < k)
        {
            Span<ulong> last = byCluster.Slice(stride * n + start, rows);
            ulong one = session.IsParty0 ? 1UL : 0UL;
            for (int i = 0; i < rows; i++)
            {
                ulong others = 0;
                for (int c = 0; c < stride; c++)
                {
                    others += oneHot[i * stride + c];
                }
                last[i] = one - others;
            }
        }
    }
}
