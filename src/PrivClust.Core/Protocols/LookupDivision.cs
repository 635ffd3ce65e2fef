using System.Runtime.CompilerServices;

namespace PrivClust.Core.Protocols;

/// <summary>
/// <see cref="Division.DivideByCount"/> for counts below a small public bound N = 2^b: the reciprocal comes from a
/// table lookup instead of a Goldschmidt iteration, and the quotient from one exact truncation: 6 rounds instead of 14,
/// with the same exact result ⌊S/m⌋.
/// <list type="number">
/// <item>Round 1: open o = m + r for the dealer's uniform r whose one-hot vector e of r mod N the parties hold in Z_2^128
/// (<see cref="Correlations.CorrelationKind.OneHotMask"/>). Then [m = j] = e[(o − j) mod N], so every public function of m
/// is local: [m = 0], m' = max(m, 1), R = ⌈2^K/m'⌉ and m'·R, with K = 33 + 2b. The lifts of S, of the fallback and of the
/// extra sign tests to Z_2^128 ride in the same opening.</item>
/// <item>Round 2: S·R and fallback·[m = 0] (Beaver). x = S + fallback·[m = 0] + T·m' with T = 2^32 is in [0, 2^33·m'),
/// and y = x·R = S·R + 2^K·fallback·[m = 0] + T·m'R is local. Since x·m' &lt; 2^K, ⌊y/2^K⌋ = ⌊x/m'⌋ = q + T exactly
/// (Granlund–Montgomery: R·m' − 2^K &lt; m').</item>
/// <item>Rounds 3–5: ⌊y·2^(62−K) / 2^62⌋ by <see cref="ExactTruncation"/> (no LSB error, so no correction), and
/// ⌊(x + 2^62)/2^62⌋ = [x ≥ 0] for each extra sign test, in the same batch.</item>
/// <item>Round 6: the truncations' borrows to arithmetic (B2A), or, through <see cref="DivideToBorrows"/>, folded into the
/// caller's next round.</item>
/// </list>
/// Dealer bytes per count: 16·N for the one-hot vector; per dividend and extra 32 (lift) + 48 (product) + 62 (truncation);
/// online per count 8 bytes (o), per dividend 8 (lift) + 32·(1 or 2) (products) + 20.25 (truncation) + 0.125 (B2A).
/// </summary>
internal static class LookupDivision
{
    private const int QuotientOffsetBits = Division.QuotientBits;

    /// <summary>The table width b (N = 2^b) for counts up to <paramref name="maxCount"/>: the least b with 2^b &gt; maxCount.</summary>
    public static int TableBits(long maxCount) => Math.Max(1, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)maxCount));

    /// <param name="extraSignTests">Values x with |x| &lt; 2^62 whose [x &lt; 0] rides along (into <paramref name="extraNegative"/>).</param>
    public static void Divide(PartySession session, ReadOnlySpan<ulong> dividends, int perCount, ReadOnlySpan<ulong> counts, int bits,
        Span<ulong> quotients, Span<ulong> zeroFlags, ReadOnlySpan<ulong> fallback, ReadOnlySpan<ulong> extraSignTests, Span<ulong> extraNegative)
    {
        PendingQuotients pending = DivideToBorrows(session, dividends, perCount, counts, bits, zeroFlags, fallback, extraSignTests);
        int m = dividends.Length, extras = extraSignTests.Length;
        ulong[] borrow = new ulong[m + extras];
        Comparison.BitsToArithmetic<ulong>(session, pending.BorrowBits, borrow);
        for (int i = 0; i < m; i++)
        {
            quotients[i] = pending.Base[i] - borrow[i];
        }
        for (int j = 0; j < extras; j++)
        {
            extraNegative[j] = pending.Base[m + j] + borrow[m + j];
        }
    }

    /// <summary>
    /// Rounds 1–5 of <see cref="Divide"/>: the quotients and the extra sign tests one B2A short (<see cref="PendingQuotients"/>),
    /// for a caller that folds the borrows into its next round (bit × value products instead of a B2A).
    /// </summary>
    public static PendingQuotients DivideToBorrows(PartySession session, ReadOnlySpan<ulong> dividends, int perCount, ReadOnlySpan<ulong> counts,
        int bits, Span<ulong> zeroFlags, ReadOnlySpan<ulong> fallback, ReadOnlySpan<ulong> extraSignTests)
    {
        int m = dividends.Length, extras = extraSignTests.Length, shift = QuotientOffsetBits + 1 + 2 * bits;
        (UInt128[] lifted, CountTables tables) = LookUpAndLift(session, dividends, fallback, extraSignTests, counts, bits, shift);
        UInt128[] y = Scaled(session, lifted, tables, m, perCount, !fallback.IsEmpty, extras, shift);

        // Rounds 3–5: the exact truncations, up to their borrows: q = u − T − b and [x < 0] = 1 − (u − b).
        UInt128[] upper = new UInt128[y.Length];
        ulong[] borrowBits = ExactTruncation.Run(session, y, upper);
        bool p0 = session.IsParty0;
        ulong offset = p0 ? 1UL << QuotientOffsetBits : 0, one = p0 ? 1UL : 0;
        ulong[] bases = new ulong[y.Length];
        for (int i = 0; i < m; i++)
        {
            bases[i] = (ulong)upper[i] - offset;
        }
        for (int j = 0; j < extras; j++)
        {
            bases[m + j] = one - (ulong)upper[m + j];
        }
        for (int c = 0; c < counts.Length; c++)
        {
            zeroFlags[c] = (ulong)tables.Zero[c];
        }
        return new PendingQuotients(bases, borrowBits, m);
    }

    /// <summary>Round 1: opens o = m + r for each count (the table lookups) with the lifts of S, the fallback and the extra tests.</summary>
    private static (UInt128[] Lifted, CountTables Tables) LookUpAndLift(PartySession session, ReadOnlySpan<ulong> dividends, ReadOnlySpan<ulong> fallback,
        ReadOnlySpan<ulong> extraSignTests, ReadOnlySpan<ulong> counts, int bits, int shift)
    {
        int k = counts.Length;
        ulong[] r = new ulong[k];
        UInt128[] oneHot = new UInt128[k << bits];
        session.Correlations.OneHotMasks(bits, r, oneHot);
        ulong[] toLift = [.. dividends, .. fallback, .. extraSignTests];
        ulong[] liftMasked = Truncation.ExtendMasked(session, toLift, out var liftMasks);
        ulong[] mine = new ulong[k + toLift.Length], opened = new ulong[mine.Length];
        for (int c = 0; c < k; c++)
        {
            mine[c] = counts[c] + r[c];
        }
        liftMasked.CopyTo(mine, k);
        Sharing.Open<ulong>(session, mine, opened, OpeningKind.Masked, "lookup division o");
        UInt128[] lifted = new UInt128[toLift.Length];
        Truncation.ExtendFinish(session, opened.AsSpan(k), liftMasks, lifted);
        return (lifted, Lookup(opened.AsSpan(0, k), oneHot, bits, shift));
    }

    /// <summary>
    /// Round 2: S·R and fallback·[m = 0], then the values to truncate by 2^62: y·2^(62−K) for each dividend and x + 2^62 for
    /// each extra sign test.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static UInt128[] Scaled(PartySession session, UInt128[] lifted, CountTables tables, int m, int perCount, bool hasFallback, int extras,
        int shift)
    {
        int blocks = hasFallback ? 2 : 1;
        UInt128[] left = new UInt128[blocks * m], right = new UInt128[left.Length], product = new UInt128[left.Length];
        for (int i = 0; i < m; i++)
        {
            int c = i / perCount;
            (left[i], right[i]) = (lifted[i], tables.Reciprocal[c]);
            if (hasFallback)
            {
                (left[m + i], right[m + i]) = (lifted[m + i], tables.Zero[c]);
            }
        }
        Multiplication.Multiply<UInt128>(session, left, right, product);
        UInt128[] y = new UInt128[m + extras];
        for (int i = 0; i < m; i++)
        {
            int c = i / perCount;
            UInt128 kept = hasFallback ? product[m + i] : UInt128.Zero;
            y[i] = (product[i] + (kept << shift) + (tables.DivisorTimesReciprocal[c] << QuotientOffsetBits)) << (ExactTruncation.Shift - shift);
        }
        UInt128 half = session.IsParty0 ? UInt128.One << ExactTruncation.Shift : UInt128.Zero;
        for (int j = 0; j < extras; j++)
        {
            y[m + j] = lifted[blocks * m + j] + half;      // x + 2^62 in [0, 2^63)
        }
        return y;
    }

    /// <summary>Shares of the public functions of each count that the division needs, from the rotated one-hot vectors.</summary>
    private static CountTables Lookup(ReadOnlySpan<ulong> opened, ReadOnlySpan<UInt128> oneHot, int bits, int shift)
    {
        int k = opened.Length, size = 1 << bits, mask = size - 1;
        // The public tables, by j: m' = max(j, 1), R(j) = ⌈2^K/m'⌉ and m'·R(j).
        UInt128[] divisorOf = new UInt128[size], reciprocalOf = new UInt128[size], bothOf = new UInt128[size];
        UInt128 power = UInt128.One << shift;
        for (int j = 0; j < size; j++)
        {
            divisorOf[j] = (UInt128)Math.Max(j, 1);
            reciprocalOf[j] = (power + divisorOf[j] - 1) / divisorOf[j];
            bothOf[j] = divisorOf[j] * reciprocalOf[j];
        }
        var tables = new CountTables(new UInt128[k], new UInt128[k], new UInt128[k]);
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<UInt128> e = oneHot.Slice(c * size, size);
            int o = (int)(opened[c] & (ulong)mask);
            UInt128 reciprocal = UInt128.Zero, both = UInt128.Zero;
            for (int j = 0; j < size; j++)
            {
                UInt128 hot = e[(o - j) & mask];          // [m = j]
                reciprocal += reciprocalOf[j] * hot;
                both += bothOf[j] * hot;
            }
            tables.Zero[c] = e[o];
            tables.Reciprocal[c] = reciprocal;
            tables.DivisorTimesReciprocal[c] = both;
        }
        return tables;
    }

    /// <summary>Shares, per count m: [m = 0], R = ⌈2^K/m'⌉ and m'·R, with m' = max(m, 1).</summary>
    private readonly record struct CountTables(UInt128[] Zero, UInt128[] Reciprocal, UInt128[] DivisorTimesReciprocal);
}
