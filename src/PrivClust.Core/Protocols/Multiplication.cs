using System.Numerics;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Beaver multiplication and squaring of shared vectors: one round each. Multiply opens d = x − a and
/// e = y − b (16 bytes per element per party in Z_2^64); square opens d = x − a only (8 bytes).
/// </summary>
public static class Multiplication
{
    /// <summary>z = x · y element-wise in T (Z_2^64 or Z_2^128). No truncation: scales add.</summary>
    public static void Multiply<T>(PartySession session, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z) where T : unmanaged, IBinaryInteger<T> =>
        Multiply(session, x, y, z, ReadOnlySpan<T>.Empty, Span<T>.Empty);

    /// <summary>
    /// <see cref="Multiply{T}(PartySession, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/> with independent masked values of
    /// another protocol (<paramref name="rider"/>, this party's shares) opened in the same round into <paramref name="riderOpened"/>.
    /// </summary>
    internal static void Multiply<T>(PartySession session, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z, ReadOnlySpan<T> rider, Span<T> riderOpened)
        where T : unmanaged, IBinaryInteger<T>
    {
        int n = x.Length;
        if (y.Length != n || z.Length != n)
        {
            throw new ArgumentException($"Multiply needs equal lengths: {x.Length}, {y.Length}, {z.Length}.");
        }
        T[] a = new T[n], b = new T[n], c = new T[n];
        session.Correlations.BeaverTriples<T>(a, b, c);
        using var mineBuffer = new PooledBuffer<T>(2 * n + rider.Length);
        using var theirsBuffer = new PooledBuffer<T>(2 * n + rider.Length);
        Span<T> mine = mineBuffer.Span, theirs = theirsBuffer.Span;
        for (int i = 0; i < n; i++)
        {
            mine[i] = x[i] - a[i];
            mine[n + i] = y[i] - b[i];
        }
        rider.CopyTo(mine[(2 * n)..]);
        session.Exchange<T>(mine, theirs);
        for (int i = 0; i < rider.Length; i++)
        {
            riderOpened[i] = mine[2 * n + i] + theirs[2 * n + i];
        }
        bool p0 = session.IsParty0;
        for (int i = 0; i < n; i++)
        {
            T d = mine[i] + theirs[i];
            T e = mine[n + i] + theirs[n + i];
            T zi = c[i] + d * b[i] + e * a[i];
            z[i] = p0 ? zi + d * e : zi;
        }
        Observe(session, "beaver d/e", mine, theirs);
    }

    /// <summary>z = x² element-wise in Z_2^64, with a square pair (a, a²): one round, 8 bytes per element.</summary>
    public static void Square(PartySession session, ReadOnlySpan<ulong> x, Span<ulong> z)
    {
        int n = x.Length;
        ulong[] a = new ulong[n], c = new ulong[n];
        session.Correlations.SquarePairs(a, c);
        ulong[] mine = new ulong[n], theirs = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            mine[i] = x[i] - a[i];
        }
        session.Exchange<ulong>(mine, theirs);
        bool p0 = session.IsParty0;
        for (int i = 0; i < n; i++)
        {
            ulong d = mine[i] + theirs[i];
            ulong zi = c[i] + 2 * d * a[i];
            z[i] = p0 ? zi + d * d : zi;
        }
        Observe(session, "square d", mine, theirs);
    }

    private static void Observe<T>(PartySession session, string what, ReadOnlySpan<T> mine, ReadOnlySpan<T> theirs) where T : unmanaged, IBinaryInteger<T>
    {
        if (session.Observer is null)
        {
            return;
        }
        var opened = new T[mine.Length];
        for (int i = 0; i < opened.Length; i++)
        {
            opened[i] = mine[i] + theirs[i];
        }
        session.Observer.Opened(what, OpeningKind.Masked, System.Runtime.InteropServices.MemoryMarshal.Cast<T, ulong>(opened));
    }
}
