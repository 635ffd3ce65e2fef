using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrivClust.Core.Arithmetic;

/// <summary>Row-major matrix products in Z_2^64 (local computation on shares or on public matrices).</summary>
public static class MatrixOps
{
    /// <summary>destination (m×n) = a (m×p) · b (p×n), or destination += a·b when <paramref name="accumulate"/>.</summary>
    public static void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination, int m, int p, int n, bool accumulate = false)
    {
        if (a.Length != m * p || b.Length != p * n || destination.Length != m * n)
        {
            throw new ArgumentException($"Matrix shapes do not fit: {m}×{p} · {p}×{n}.");
        }
        if (!accumulate)
        {
            destination.Clear();
        }
        for (int i = 0; i < m; i++)
        {
            AccumulateRow(a.Slice(i * p, p), b, destination.Slice(i * n, n), n);
        }
    }

    /// <summary>
    /// destination (m×n) = a1·b1 + a2·b2 + c, with a1, a2 m×p and b1, b2 p×n, in one pass over the rows (the local
    /// part of a Beaver matrix product, which otherwise streams the m×n result three times). <paramref name="c"/> may be
    /// <paramref name="destination"/> itself (then nothing is copied).
    /// </summary>
    public static void MultiplyAddPair(ReadOnlySpan<ulong> a1, ReadOnlySpan<ulong> b1, ReadOnlySpan<ulong> a2, ReadOnlySpan<ulong> b2,
        ReadOnlySpan<ulong> c, Span<ulong> destination, int m, int p, int n)
    {
        if (a1.Length != m * p || a2.Length != m * p || b1.Length != p * n || b2.Length != p * n || c.Length != m * n || destination.Length != m * n)
        {
            throw new ArgumentException($"Matrix shapes do not fit: {m}×{p} · {p}×{n} twice, plus {m}×{n}.");
        }
        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(c), ref MemoryMarshal.GetReference(destination)))
        {
            c.CopyTo(destination);
        }
        for (int i = 0; i < m; i++)
        {
            Span<ulong> row = destination.Slice(i * n, n);
            AccumulateRow(a1.Slice(i * p, p), b1, row, n);
            AccumulateRow(a2.Slice(i * p, p), b2, row, n);
        }
    }

    /// <summary>row += aRow · b for one row of a (p values) and b (p×n).</summary>
    private static void AccumulateRow(ReadOnlySpan<ulong> aRow, ReadOnlySpan<ulong> b, Span<ulong> row, int n)
    {
        int vectorEnd = Vector256.IsHardwareAccelerated ? n - n % Vector256<ulong>.Count : 0;
        ref ulong rowBase = ref MemoryMarshal.GetReference(row);
        ref ulong bBase = ref MemoryMarshal.GetReference(b);
        for (int t = 0; t < aRow.Length; t++)
        {
            ulong av = aRow[t];
            int bRow = t * n;
            int j = 0;
            if (vectorEnd > 0)
            {
                Vector256<ulong> broadcast = Vector256.Create(av);
                for (; j < vectorEnd; j += Vector256<ulong>.Count)
                {
                    Vector256<ulong> sum = Vector256.LoadUnsafe(ref rowBase, (nuint)j) + broadcast * Vector256.LoadUnsafe(ref bBase, (nuint)(bRow + j));
                    sum.StoreUnsafe(ref rowBase, (nuint)j);
                }
            }
            for (; j < n; j++)
            {
                row[j] += av * b[bRow + j];
            }
        }
    }

    /// <summary>destination (p×m) = aᵀ for a (m×p).</summary>
    public static void Transpose(ReadOnlySpan<ulong> a, Span<ulong> destination, int m, int p) =>
        TransposeSubtract(a, ReadOnlySpan<ulong>.Empty, destination, m, p);

    /// <summary>
    /// destination (p×m) = aᵀ − b for a (m×p) and b (p×m; empty: zero), in tiles of <see cref="Tile"/> rows of a, so that
    /// the p output rows are written in runs instead of one scattered element at a time (mean-shift's n×m window weights
    /// to the m×n layout of the sums' product: 10^5 × 32 elements per iteration).
    /// </summary>
    public static void TransposeSubtract(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination, int m, int p)
    {
        if (a.Length != m * p || destination.Length != m * p || (!b.IsEmpty && b.Length != m * p))
        {
            throw new ArgumentException($"Matrix shapes do not fit: {m}×{p} transposed.");
        }
        for (int start = 0; start < m; start += Tile)
        {
            int end = Math.Min(m, start + Tile);
            for (int j = 0; j < p; j++)
            {
                Span<ulong> row = destination.Slice(j * m + start, end - start);
                ReadOnlySpan<ulong> minus = b.IsEmpty ? ReadOnlySpan<ulong>.Empty : b.Slice(j * m + start, end - start);
                for (int i = start; i < end; i++)
                {
                    row[i - start] = a[i * p + j] - (minus.IsEmpty ? 0 : minus[i - start]);
                }
            }
        }
    }

    /// <summary>Rows of a per tile of <see cref="TransposeSubtract"/> (a tile of 64 rows × 32 columns is 16 KiB).</summary>
    private const int Tile = 64;
}
