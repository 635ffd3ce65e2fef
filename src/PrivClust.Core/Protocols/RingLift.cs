using PrivClust.Core.Correlations;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Lifts shares known only modulo 2^K (e.g. a product computed from an opening reduced to K bits) to Z_2^64, exactly,
/// for values whose magnitude is below 2^(K−2): one round, K bits per value each way.
/// <list type="number">
/// <item>y = x + 2^(K−2) lies in [0, 2^(K−1)). The dealer's r (a uniform r64 with shares of h = ⌊r64/2^K⌋ and of
/// t = bit K − 1 of r64, correlation <see cref="CorrelationKind.LiftMask"/>) gives shares of r = r64 − 2^K·h = r64 mod 2^K
/// and of its top bit t.</item>
/// <item>Open c = y + r mod 2^K. Then y + r wrapped past 2^K exactly when t = 1 and c's top bit is 0 (with y &lt; 2^(K−1),
/// t = 0 means r &lt; 2^(K−1) and no wrap; t = 1 means y + r ≥ 2^(K−1), and a wrap leaves c below 2^(K−1)), so
/// y = c − r + 2^K·(1 − c_{K−1})·t, linear in the shares.</item>
/// </list>
/// </summary>
public static class RingLift
{
    public const int MinBits = 3;
    public const int MaxBits = 63;

    /// <summary>
    /// In place: <paramref name="values"/> hold this party's shares of x modulo 2^<paramref name="bits"/> (their higher bits
    /// are ignored), every |x| &lt; 2^(bits−2); on return, shares of x in Z_2^64.
    /// </summary>
    public static void Lift(PartySession session, Span<ulong> values, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, MinBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, MaxBits);
        int n = values.Length;
        ulong offset = session.IsParty0 ? 1UL << (bits - 2) : 0;
        using var maskBuffer = new PooledBuffer<ulong>(3 * n);
        Span<ulong> r = maskBuffer.Span[..n], high = maskBuffer.Span.Slice(n, n), top = maskBuffer.Span.Slice(2 * n, n);
        session.Correlations.LiftMasks(bits, r, high, top);
        using var openBuffer = new PooledBuffer<ulong>(n);
        Span<ulong> c = openBuffer.Span;
        for (int i = 0; i < n; i++)
        {
            r[i] -= high[i] << bits;                        // this party's share of r mod 2^K
            c[i] = values[i] + offset + r[i];
        }
        Sharing.OpenModulo(session, c, bits, OpeningKind.Masked, "lift c");
        for (int i = 0; i < n; i++)
        {
            ulong wrap = ((c[i] >> (bits - 1)) & 1) ^ 1;
            values[i] = (session.IsParty0 ? c[i] - offset : 0) - r[i] + (wrap << bits) * top[i];
        }
    }
}
