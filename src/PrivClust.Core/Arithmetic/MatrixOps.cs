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
        int vectorEnd = Vector256.IsHardwareAccelerated ? n - n % Vector256<ulong>.Count : 0;
        ref ulong bBase = ref MemoryMarshal.GetReference(b);
        for (int i = 0; i < m; i++)
        {
            Span<ulong> row = destination.Slice(i * n, n);
            ref ulong rowBase = ref MemoryMarshal.GetReference(row);
            ReadOnlySpan<ulong> aRow = a.Slice(i * p, p);
            for (int t = 0; t < p; t++)
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
    }

    /// <summary>destination (p×m) = aᵀ for a (m×p).</summary>
    public static void Transpose(ReadOnlySpan<ulong> a, Span<ulong> destination, int m, int p)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < p; j++)
            {
                destination[j * m + i] = a[i * p + j];
            }
        }
    }
}
