namespace PrivClust.Core.Protocols;

/// <summary>
/// Beaver products z = x·y in Z_2^64 split into prepare, exchange and finish, so that their openings d = x − a and
/// e = y − b ride in the round of another protocol (<see cref="MatrixProduct.MultiplyRight"/>) instead of a round of their
/// own: prepared before that round (the triples are drawn then), finished from the opened d and e after it.
/// </summary>
public sealed class PreparedProducts
{
    private readonly PartySession _session;
    private readonly ulong[] _a, _b, _c;

    public PreparedProducts(PartySession session, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y)
    {
        int n = x.Length;
        if (y.Length != n)
        {
            throw new ArgumentException($"Products need equal lengths: {x.Length}, {y.Length}.");
        }
        _session = session;
        (_a, _b, _c) = (new ulong[n], new ulong[n], new ulong[n]);
        session.Correlations.BeaverTriples<ulong>(_a, _b, _c);
        Masked = new ulong[2 * n];
        for (int i = 0; i < n; i++)
        {
            Masked[i] = x[i] - _a[i];
            Masked[n + i] = y[i] - _b[i];
        }
    }

    /// <summary>This party's shares of d (first half) and e (second half), to open in the carrying round.</summary>
    public ulong[] Masked { get; }

    /// <summary>This party's shares of x·y, once the carrying round has run.</summary>
    public ulong[]? Products { get; private set; }

    /// <summary>Finishes the products from the opened d and e (called by the carrying protocol).</summary>
    internal void Complete(ReadOnlySpan<ulong> opened)
    {
        int n = _a.Length;
        bool p0 = _session.IsParty0;
        ulong[] z = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            ulong d = opened[i], e = opened[n + i];
            z[i] = _c[i] + d * _b[i] + e * _a[i] + (p0 ? d * e : 0);
        }
        _session.Observe("beaver d/e", OpeningKind.Masked, opened);
        Products = z;
    }
}
