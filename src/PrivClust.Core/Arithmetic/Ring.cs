using System.Numerics;
using System.Runtime.InteropServices;

namespace PrivClust.Core.Arithmetic;

/// <summary>
/// Element-wise arithmetic in Z_2^64 (<c>ulong</c>) and Z_2^128 (<c>UInt128</c>), wrapping. Signed values
/// are two's complement. These are the local operations on additive shares: they need no communication.
/// </summary>
public static class Ring
{
    public static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IBinaryInteger<T>
    {
        CheckLengths(x.Length, y.Length, destination.Length);
        if (typeof(T) == typeof(ulong))
        {
            AddVectorised(MemoryMarshal.Cast<T, ulong>(x), MemoryMarshal.Cast<T, ulong>(y), MemoryMarshal.Cast<T, ulong>(destination));
            return;
        }
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] + y[i];
        }
    }

    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IBinaryInteger<T>
    {
        CheckLengths(x.Length, y.Length, destination.Length);
        if (typeof(T) == typeof(ulong))
        {
            SubtractVectorised(MemoryMarshal.Cast<T, ulong>(x), MemoryMarshal.Cast<T, ulong>(y), MemoryMarshal.Cast<T, ulong>(destination));
            return;
        }
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] - y[i];
        }
    }

    /// <summary>destination = x · c for a public integer c.</summary>
    public static void MultiplyByPublic<T>(ReadOnlySpan<T> x, T c, Span<T> destination) where T : unmanaged, IBinaryInteger<T>
    {
        CheckLengths(x.Length, x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] * c;
        }
    }

    /// <summary>destination = x + c on party 0's share and x on party 1's: adds a public constant to a shared value.</summary>
    public static void AddPublic<T>(int partyIndex, ReadOnlySpan<T> x, T c, Span<T> destination) where T : unmanaged, IBinaryInteger<T>
    {
        CheckLengths(x.Length, x.Length, destination.Length);
        if (partyIndex != 0)
        {
            x.CopyTo(destination);
            return;
        }
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] + c;
        }
    }

    public static void Negate<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IBinaryInteger<T>
    {
        CheckLengths(x.Length, x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = T.Zero - x[i];
        }
    }

    /// <summary>The value of <paramref name="x"/> read as a two's-complement signed integer.</summary>
    public static long ToSigned(ulong x) => unchecked((long)x);

    public static ulong FromSigned(long x) => unchecked((ulong)x);

    private static void AddVectorised(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> d)
    {
        int i = 0;
        int step = Vector<ulong>.Count;
        for (; i + step <= x.Length; i += step)
        {
            (new Vector<ulong>(x[i..]) + new Vector<ulong>(y[i..])).CopyTo(d[i..]);
        }
        for (; i < x.Length; i++)
        {
            d[i] = x[i] + y[i];
        }
    }

    private static void SubtractVectorised(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> d)
    {
        int i = 0;
        int step = Vector<ulong>.Count;
        for (; i + step <= x.Length; i += step)
        {
            (new Vector<ulong>(x[i..]) - new Vector<ulong>(y[i..])).CopyTo(d[i..]);
        }
        for (; i < x.Length; i++)
        {
            d[i] = x[i] - y[i];
        }
    }

    private static void CheckLengths(int a, int b, int c)
    {
        if (a != b || a != c)
        {
            throw new ArgumentException($"Span lengths differ: {a}, {b}, {c}.");
        }
    }
}
