namespace PrivClust.Core.Protocols;

/// <summary>Oblivious selection: one round, 16 bytes per element per party (one Beaver product).</summary>
public static class Selection
{
    /// <summary>z = b ? x : y for arithmetic 0/1 shares b: z = y + b·(x − y).</summary>
    public static void Select(PartySession session, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> z)
    {
        int n = b.Length;
        ulong[] diff = new ulong[n];
        Arithmetic.Ring.Subtract(x, y, diff);
        ulong[] product = new ulong[n];
        Multiplication.Multiply<ulong>(session, b, diff, product);
        Arithmetic.Ring.Add<ulong>(y, product, z);
    }

    /// <summary>This party's share of 1 − b for arithmetic 0/1 shares b (local).</summary>
    public static void Not(PartySession session, ReadOnlySpan<ulong> b, Span<ulong> z)
    {
        ulong one = session.IsParty0 ? 1UL : 0UL;
        for (int i = 0; i < b.Length; i++)
        {
            z[i] = one - b[i];
        }
    }
}
