namespace PrivClust.Core.Protocols;

/// <summary>Equality with zero.</summary>
public static class Equality
{
    /// <summary>
    /// [x = 0] as arithmetic 0/1 shares, for any x in Z_2^64: x = 0 exactly when neither x nor −x is negative.
    /// One batched comparison of (x, −x) to binary (7 rounds), one AND round, one B2A round: 9 rounds.
    /// </summary>
    public static void IsZero(PartySession session, ReadOnlySpan<ulong> x, Span<ulong> z)
    {
        int n = x.Length;
        ulong[] both = new ulong[2 * n];
        x.CopyTo(both);
        Arithmetic.Ring.Negate(x, both.AsSpan(n));
        ulong[] negative = Comparison.LessThanZeroBits(session, both);
        int words = PackedBits.Words(n);
        ulong[] notX = new ulong[words], notMinusX = new ulong[words];
        ulong flip = session.IsParty0 ? ulong.MaxValue : 0;
        for (int i = 0; i < n; i++)
        {
            PackedBits.Set(notX, i, PackedBits.Get(negative, i));
            PackedBits.Set(notMinusX, i, PackedBits.Get(negative, n + i));
        }
        for (int w = 0; w < words; w++)
        {
            notX[w] ^= flip;
            notMinusX[w] ^= flip;
        }
        ulong[] zero = new ulong[words];
        BinaryGates.And(session, notX, notMinusX, zero, ReadOnlySpan<ulong>.Empty, Span<ulong>.Empty);
        Comparison.BitsToArithmetic<ulong>(session, zero, z);
    }

    /// <summary>[x = 0] for x known to be in [0, 2^63): [x − 1 &lt; 0], one comparison (8 rounds).</summary>
    public static void IsZeroNonNegative(PartySession session, ReadOnlySpan<ulong> x, Span<ulong> z)
    {
        ulong[] shifted = new ulong[x.Length];
        Arithmetic.Ring.AddPublic(session.PartyIndex, x, ulong.MaxValue, shifted);
        Comparison.LessThanZero<ulong>(session, shifted, z);
    }
}
