namespace PrivClust.Core.Protocols;

/// <summary>
/// A Beaver multiplication and a batch of binary AND gates that are independent of each other, done in ONE
/// round: both openings travel in the same message (prepare both, exchange once, finish both).
/// </summary>
internal static class CombinedRound
{
    /// <summary>z = x·y (arithmetic) and w = u ∧ v (packed binary), one round.</summary>
    public static void MultiplyAndAnd(PartySession session, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> z,
        ReadOnlySpan<ulong> u, ReadOnlySpan<ulong> v, Span<ulong> w)
    {
        int n = x.Length, m = u.Length;
        using var triples = new PooledBuffer<ulong>(3 * n + 3 * m);
        Span<ulong> t = triples.Span;
        Span<ulong> a = t[..n], b = t.Slice(n, n), c = t.Slice(2 * n, n);
        Span<ulong> ga = t.Slice(3 * n, m), gb = t.Slice(3 * n + m, m), gc = t.Slice(3 * n + 2 * m, m);
        session.Correlations.BeaverTriples<ulong>(a, b, c);
        session.Correlations.AndTriples(ga, gb, gc, Span<ulong>.Empty, Span<ulong>.Empty);
        using var mineBuffer = new PooledBuffer<ulong>(2 * n + 2 * m);
        using var theirsBuffer = new PooledBuffer<ulong>(2 * n + 2 * m);
        Span<ulong> mine = mineBuffer.Span, theirs = theirsBuffer.Span;
        for (int i = 0; i < n; i++)
        {
            mine[i] = x[i] - a[i];
            mine[n + i] = y[i] - b[i];
        }
        for (int i = 0; i < m; i++)
        {
            mine[2 * n + i] = u[i] ^ ga[i];
            mine[2 * n + m + i] = v[i] ^ gb[i];
        }
        session.Exchange<ulong>(mine, theirs);
        bool p0 = session.IsParty0;
        for (int i = 0; i < n; i++)
        {
            ulong d = mine[i] + theirs[i], e = mine[n + i] + theirs[n + i];
            ulong zi = c[i] + d * b[i] + e * a[i];
            z[i] = p0 ? zi + d * e : zi;
        }
        ulong own = p0 ? ulong.MaxValue : 0;
        for (int i = 0; i < m; i++)
        {
            ulong d = mine[2 * n + i] ^ theirs[2 * n + i], e = mine[2 * n + m + i] ^ theirs[2 * n + m + i];
            w[i] = gc[i] ^ (d & gb[i]) ^ (e & ga[i]) ^ (d & e & own);
        }
        if (session.Observer is not null)
        {
            ulong[] opened = new ulong[mine.Length];
            for (int i = 0; i < opened.Length; i++)
            {
                opened[i] = i < 2 * n ? mine[i] + theirs[i] : mine[i] ^ theirs[i];
            }
            session.Observer.Opened("beaver+and d/e", OpeningKind.Masked, opened);
        }
    }
}
