using System.Runtime.CompilerServices;

namespace PrivClust.Core.Protocols;

/// <summary>
/// <see cref="Division.DivideByCount"/> for counts below a small public bound N = 2^b: the reciprocal comes from a
/// table lookup instead of a Goldschmidt iteration, 7 rounds instead of 14, with the same exact result ⌊S/m⌋.
/// <list type="number">
/// <item>Round 1: open o = m + r for the dealer's uniform r whose one-hot vector e of r mod N the parties hold in Z_2^128
/// (<see cref="Correlations.CorrelationKind.OneHotMask"/>). Then [m = j] = e[(o − j) mod N], so every public function of m
/// is local: [m = 0], m' = max(m, 1), R = ⌈2^K/m'⌉ and m'·R, with K = 33 + 2b. The lifts of S and of the fallback to
/// Z_2^128 ride in the same opening.</item>
/// <item>Round 2: S·R, fallback·[m = 0], and the products of the coming truncation's masks with m' (Beaver).
/// x = S + fallback·[m = 0] + T·m' with T = 2^32 is then in [0, 2^33·m'), and y = x·R = S·R + 2^K·fallback·[m = 0] + T·m'R
/// is local. Since x·m' &lt; 2^K, ⌊y/2^K⌋ = ⌊x/m'⌋ = q + T exactly (Granlund–Montgomery: R·m' − 2^K &lt; m').</item>
/// <item>Round 3: truncate y by 2^K (<see cref="PendingTruncation"/>): t = q + T or q + T + 1, and t·m' is local.</item>
/// <item>Rounds 4–7: rem = x − t·m' is negative exactly when t is one too big; q = t − T − [rem &lt; 0]. The caller's extra
/// sign tests ride in this comparison.</item>
/// </list>
/// Dealer bytes per count: 16·N for the one-hot vector; online per count 8 bytes (o), per dividend 16 (lift) + 4·32 (products)
/// + 16 (truncation) + 12.25 (comparison).
/// </summary>
internal static class LookupDivision
{
    private const int QuotientOffsetBits = Division.QuotientBits;

    /// <summary>The table width b (N = 2^b) for counts up to <paramref name="maxCount"/>: the least b with 2^b &gt; maxCount.</summary>
    public static int TableBits(long maxCount) => Math.Max(1, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)maxCount));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Divide(PartySession session, ReadOnlySpan<ulong> dividends, int perCount, ReadOnlySpan<ulong> counts, int bits,
        Span<ulong> quotients, Span<ulong> zeroFlags, ReadOnlySpan<ulong> fallback, ReadOnlySpan<ulong> extraSignTests, Span<ulong> extraNegative)
    {
        int k = counts.Length, m = dividends.Length, size = 1 << bits, shift = QuotientOffsetBits + 1 + 2 * bits;
        bool hasFallback = !fallback.IsEmpty;
        bool p0 = session.IsParty0;

        // Round 1: o = m + r and the lifts of S and the fallback.
        ulong[] r = new ulong[k];
        UInt128[] oneHot = new UInt128[k * size];
        session.Correlations.OneHotMasks(bits, r, oneHot);
        ulong[] toLift = [.. dividends, .. fallback];
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
        CountTables tables = Lookup(opened.AsSpan(0, k), oneHot, bits, shift);

        // Round 2: S·R, fallback·[m = 0], and the truncation masks' products with m'.
        var truncation = new PendingTruncation(session, m, shift);
        int blocks = hasFallback ? 4 : 3;
        UInt128[] left = new UInt128[blocks * m], right = new UInt128[left.Length], product = new UInt128[left.Length];
        for (int i = 0; i < m; i++)
        {
            int c = i / perCount;
            (left[i], right[i]) = (lifted[i], tables.Reciprocal[c]);
            (left[m + i], right[m + i]) = (truncation.Top[i], tables.Divisor[c]);
            (left[2 * m + i], right[2 * m + i]) = (truncation.High[i], tables.Divisor[c]);
            if (hasFallback)
            {
                (left[3 * m + i], right[3 * m + i]) = (lifted[m + i], tables.Zero[c]);
            }
        }
        Multiplication.Multiply<UInt128>(session, left, right, product);
        UInt128 offset = p0 ? UInt128.One << QuotientOffsetBits : UInt128.Zero;
        UInt128[] x = new UInt128[m], y = new UInt128[m];
        for (int i = 0; i < m; i++)
        {
            int c = i / perCount;
            UInt128 kept = hasFallback ? product[3 * m + i] : UInt128.Zero;
            x[i] = lifted[i] + kept + (tables.Divisor[c] << QuotientOffsetBits);
            y[i] = product[i] + (kept << shift) + (tables.DivisorTimesReciprocal[c] << QuotientOffsetBits);
        }

        // Round 3: t = ⌊y/2^K⌋ (+1 at most) and t·m'.
        truncation.Open(y);
        int extras = extraSignTests.Length;
        ulong[] probes = new ulong[m + extras], estimate = new ulong[m];
        for (int i = 0; i < m; i++)
        {
            int c = i / perCount;
            UInt128 t = truncation.Output(i);
            UInt128 times = truncation.Times(i, tables.Divisor[c], product[m + i], product[2 * m + i]);
            probes[i] = (ulong)(x[i] - times);
            estimate[i] = (ulong)(t - offset);
        }
        extraSignTests.CopyTo(probes.AsSpan(m));

        // Rounds 4–7: q = t − T − [rem < 0].
        ulong[] negative = new ulong[probes.Length];
        Comparison.LessThanZero<ulong>(session, probes, negative);
        for (int i = 0; i < m; i++)
        {
            quotients[i] = estimate[i] - negative[i];
        }
        negative.AsSpan(m).CopyTo(extraNegative);
        for (int c = 0; c < k; c++)
        {
            zeroFlags[c] = (ulong)tables.Zero[c];
        }
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
        var tables = new CountTables(new UInt128[k], new UInt128[k], new UInt128[k], new UInt128[k]);
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<UInt128> e = oneHot.Slice(c * size, size);
            int o = (int)(opened[c] & (ulong)mask);
            UInt128 divisor = UInt128.Zero, reciprocal = UInt128.Zero, both = UInt128.Zero;
            for (int j = 0; j < size; j++)
            {
                UInt128 hot = e[(o - j) & mask];          // [m = j]
                divisor += divisorOf[j] * hot;
                reciprocal += reciprocalOf[j] * hot;
                both += bothOf[j] * hot;
            }
            tables.Zero[c] = e[o];
            tables.Divisor[c] = divisor;
            tables.Reciprocal[c] = reciprocal;
            tables.DivisorTimesReciprocal[c] = both;
        }
        return tables;
    }

    /// <summary>Shares, per count m: [m = 0], m' = max(m, 1), R = ⌈2^K/m'⌉ and m'·R.</summary>
    private readonly record struct CountTables(UInt128[] Zero, UInt128[] Divisor, UInt128[] Reciprocal, UInt128[] DivisorTimesReciprocal);
}
