using System.Numerics;
using System.Runtime.CompilerServices;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Exact truncation by 2^s in one round (8 bytes per element per party in Z_2^64).
/// <para>
/// For |x| &lt; 2^(ℓ−2) the parties shift y = x + 2^(ℓ−2) into [0, 2^(ℓ−1)), open c = y + r for the dealer's
/// uniform r, and use that y's top bit is 0: the wrap of y + r is w = r_top ∧ ¬c_top, linear in the
/// dealer's arithmetic share of r_top. Then ⌊y/2^s⌋ = ⌊c/2^s⌋ − ⌊r/2^s⌋ + 2^(ℓ−s)·w − [c mod 2^s &lt; r mod 2^s];
/// the last term is dropped, so the result is ⌊x/2^s⌋ or ⌊x/2^s⌋ + 1: never a wrap error, at most 1 LSB off.
/// </para>
/// </summary>
public static class Truncation
{
    /// <summary>z ≈ x / 2^shift (⌊·⌋ or ⌊·⌋+1) for shared signed x with |x| &lt; 2^(ℓ−2), ℓ = 64 or 128.</summary>
    public static void Truncate<T>(PartySession session, ReadOnlySpan<T> x, int shift, Span<T> z) where T : unmanaged, IBinaryInteger<T>
    {
        int bits = Unsafe.SizeOf<T>() * 8;
        if (shift < 1 || shift > bits - 2)
        {
            throw new ArgumentOutOfRangeException(nameof(shift), shift, $"A truncation shift is between 1 and {bits - 2}.");
        }
        int n = x.Length;
        T[] r = new T[n], rHigh = new T[n], rTop = new T[n];
        session.Correlations.TruncationMasks<T>(shift, r, rHigh, rTop);
        T offset = T.One << (bits - 2);
        bool p0 = session.IsParty0;
        T[] mine = new T[n], c = new T[n];
        for (int i = 0; i < n; i++)
        {
            mine[i] = x[i] + r[i] + (p0 ? offset : T.Zero);
        }
        Sharing.Open<T>(session, mine, c, OpeningKind.Masked, "truncation c");
        T offsetHigh = T.One << (bits - 2 - shift);
        for (int i = 0; i < n; i++)
        {
            T ci = c[i];
            T wrap = (ci >>> (bits - 1)) == T.Zero ? rTop[i] : T.Zero;
            T zi = (wrap << (bits - shift)) - rHigh[i];
            z[i] = p0 ? zi + (ci >>> shift) - offsetHigh : zi;
        }
    }

    /// <summary>
    /// Lifts Z_2^64 shares of a signed x with |x| &lt; 2^62 to Z_2^128 shares of the same signed value, exactly,
    /// in one round (8 bytes per element per party), by the same top-bit argument as <see cref="Truncate{T}"/>.
    /// </summary>
    public static void Extend(PartySession session, ReadOnlySpan<ulong> x, Span<UInt128> z)
    {
        ulong[] mine = ExtendMasked(session, x, out var masks), c = new ulong[x.Length];
        Sharing.Open<ulong>(session, mine, c, OpeningKind.Masked, "extension c");
        ExtendFinish(session, c, masks, z);
    }

    /// <summary>The first half of <see cref="Extend"/>: this party's share of c = x + r + 2^62, to open in any round.</summary>
    internal static ulong[] ExtendMasked(PartySession session, ReadOnlySpan<ulong> x, out (UInt128[] Wide, UInt128[] Top) masks)
    {
        int n = x.Length;
        ulong[] r = new ulong[n];
        masks = (new UInt128[n], new UInt128[n]);
        session.Correlations.ExtensionMasks(r, masks.Wide, masks.Top);
        const ulong offset = 1UL << 62;
        bool p0 = session.IsParty0;
        ulong[] mine = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            mine[i] = x[i] + r[i] + (p0 ? offset : 0);
        }
        return mine;
    }

    /// <summary>The second half of <see cref="Extend"/>, local: the Z_2^128 shares from the opened c.</summary>
    internal static void ExtendFinish(PartySession session, ReadOnlySpan<ulong> c, (UInt128[] Wide, UInt128[] Top) masks, Span<UInt128> z)
    {
        const ulong offset = 1UL << 62;
        bool p0 = session.IsParty0;
        for (int i = 0; i < c.Length; i++)
        {
            UInt128 wrap = (c[i] >> 63) == 0 ? masks.Top[i] : UInt128.Zero;
            UInt128 zi = (wrap << 64) - masks.Wide[i];
            z[i] = p0 ? zi + c[i] - offset : zi;
        }
    }

    /// <summary>Reduces Z_2^128 shares modulo 2^64 (a ring homomorphism: no communication).</summary>
    public static void Reduce(ReadOnlySpan<UInt128> x, Span<ulong> z)
    {
        for (int i = 0; i < x.Length; i++)
        {
            z[i] = (ulong)x[i];
        }
    }
}
