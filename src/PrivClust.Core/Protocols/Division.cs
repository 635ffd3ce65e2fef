using PrivClust.Core.Arithmetic;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Exact integer division of shared values: q = ⌊S / m⌋ on the raw ring values. Since a scale-f sum divided by
/// an integer count is again at scale f, the result is the true quotient rounded down to the fixed-point step.
/// The general and the public division approximate q̃ and then correct it exactly with one batched comparison of the
/// remainder S − q̃·m against the multiples of m in a window around 0; a division by counts with a small public bound
/// looks the reciprocal up and truncates exactly instead (<see cref="LookupDivision"/>).
/// </summary>
public static class Division
{
    /// <summary>Counts must be below 2^CountBits.</summary>
    public const int CountBits = 30;

    /// <summary>Quotients must be below 2^QuotientBits in magnitude (raw units).</summary>
    public const int QuotientBits = 32;

    /// <summary>Counts with a public bound below 2^LookupMaxBits may take <see cref="LookupDivision"/> (6 rounds).</summary>
    public const int LookupMaxBits = 12;

    /// <summary>... and only while the dealer's one-hot vectors (16·2^b bytes per count) stay within this many bytes.</summary>
    public const long LookupMaxDealerBytes = 256 << 10;

    private const int SecretWindow = 16;
    private const int PublicWindow = 2;

    /// <summary>
    /// q[c, j] = ⌊S[c, j] / count[c]⌋ for k counts and k×<paramref name="perCount"/> dividends (row-major), with
    /// 0 ≤ count &lt; 2^30, |S| &lt; 2^62 and |S / count| &lt; 2^32. A zero count is flagged in
    /// <paramref name="zeroFlags"/> (arithmetic 0/1 shares) and divides by 1 instead, so a caller can keep an old
    /// value with a select — or pass <paramref name="fallback"/> (k×perCount, |·| &lt; 2^32) and a zero count yields it
    /// exactly, with no extra round. 14 rounds while both comparison batches (30·k + extras, 32·k·perCount) stay within
    /// <see cref="Comparison.FourAryLimit"/> (thermometer 4 with the lift riding in its first round, S·p 1, quotient estimate
    /// 5, correction 4; each bigger batch adds 3); about k·(30 + 33·perCount) comparisons, nothing else of size n.
    /// </summary>
    /// <param name="maxCount">A public bound on every count (the number of rows, say). When the table of <see cref="LookupDivision"/>
    /// for it is small (<see cref="UsesLookup"/>), the division takes 6 rounds instead of 14, with the same result.</param>
    /// <param name="extraSignTests">Independent values x (|x| &lt; 2^62) whose [x &lt; 0] the caller needs: they ride along (in
    /// the first comparison batch, or as exact truncations in the lookup) and come back as 0/1 shares in
    /// <paramref name="extraNegative"/>.</param>
    public static void DivideByCount(PartySession session, ReadOnlySpan<ulong> dividends, int perCount, ReadOnlySpan<ulong> counts,
        Span<ulong> quotients, Span<ulong> zeroFlags, ReadOnlySpan<ulong> fallback = default,
        ReadOnlySpan<ulong> extraSignTests = default, Span<ulong> extraNegative = default, long maxCount = long.MaxValue)
    {
        int k = counts.Length;
        if (dividends.Length != k * perCount || quotients.Length != dividends.Length || zeroFlags.Length != k)
        {
            throw new ArgumentException($"Division of {k}×{perCount} dividends got {dividends.Length} dividends, {quotients.Length} quotients, {zeroFlags.Length} flags.");
        }
        if (UsesLookup(k, maxCount))
        {
            LookupDivision.Divide(session, dividends, perCount, counts, LookupDivision.TableBits(maxCount), quotients, zeroFlags,
                fallback, extraSignTests, extraNegative);
            return;
        }
        bool hasFallback = !fallback.IsEmpty;
        // Lift S, the counts and the fallback to Z_2^128: the lift's opening rides in the thermometer's first round.
        ulong[] lifted64 = [.. dividends, .. counts, .. fallback];
        ulong[] liftMasked = Truncation.ExtendMasked(session, lifted64, out var liftMasks), liftOpened = new ulong[lifted64.Length];
        // Thermometer of each count: [count = 0] and [count ≥ 2^j] for j = 1..29, in Z_2^128 (one comparison).
        UInt128[] thermometer = Thermometer(session, counts, extraSignTests, liftMasked, liftOpened);
        for (int i = 0; i < extraSignTests.Length; i++)
        {
            extraNegative[i] = (ulong)thermometer[k * CountBits + i];
        }
        UInt128[] lifted = new UInt128[lifted64.Length];
        Truncation.ExtendFinish(session, liftOpened, liftMasks, lifted);

        UInt128 one = session.IsParty0 ? UInt128.One : UInt128.Zero;
        UInt128[] countPrime = new UInt128[k], scale = new UInt128[k];
        for (int c = 0; c < k; c++)
        {
            UInt128 zero = thermometer[c * CountBits];
            zeroFlags[c] = (ulong)zero;
            countPrime[c] = lifted[k * perCount + c] + zero;
            // One-hot h_j = t_j − t_{j+1} of the top bit of count' (t_0 = 1, t_30 = 0); scale p = Σ h_j·2^(29−j).
            UInt128 p = UInt128.Zero;
            for (int j = 0; j < CountBits; j++)
            {
                UInt128 tj = j == 0 ? one : thermometer[c * CountBits + j];
                UInt128 tNext = j + 1 < CountBits ? thermometer[c * CountBits + j + 1] : UInt128.Zero;
                p += (tj - tNext) << (CountBits - 1 - j);
            }
            scale[c] = p;
        }
        // v = count'·p in [2^29, 2^30), S·p and (with a fallback) z·fallback, in one round.
        int m = k * perCount;
        UInt128[] left = new UInt128[k + m + (hasFallback ? m : 0)], right = new UInt128[left.Length], product = new UInt128[left.Length];
        for (int c = 0; c < k; c++)
        {
            left[c] = countPrime[c];
            right[c] = scale[c];
            for (int j = 0; j < perCount; j++)
            {
                left[k + c * perCount + j] = lifted[c * perCount + j];
                right[k + c * perCount + j] = scale[c];
                if (hasFallback)
                {
                    left[k + m + c * perCount + j] = thermometer[c * CountBits];
                    right[k + m + c * perCount + j] = lifted[k + m + c * perCount + j];
                }
            }
        }
        Multiplication.Multiply<UInt128>(session, left, right, product);
        // An empty cluster divides S' = S + fallback (S = 0) by count' = 1, whose scale p is 2^29.
        ulong[] effective = dividends.ToArray();
        if (hasFallback)
        {
            for (int i = 0; i < m; i++)
            {
                product[k + i] += product[k + m + i] << (CountBits - 1);
                effective[i] += (ulong)product[k + m + i];
            }
        }
        // q̃ ≈ S·p / v and q̃·count' (5 rounds), then the exact correction.
        UInt128[] divisors = countPrime;
        (ulong[] estimate, ulong[] times) = QuotientEstimate.Compute(session, product.AsSpan(0, k), product.AsSpan(k, m), divisors, perCount);
        ulong[] divisor = new ulong[estimate.Length];
        for (int i = 0; i < divisor.Length; i++)
        {
            divisor[i] = (ulong)countPrime[i / perCount];
        }
        ulong[] remainder = new ulong[estimate.Length];
        Ring.Subtract<ulong>(effective, times, remainder);
        Correct(session, estimate, remainder, divisor, SecretWindow, quotients);
    }

    /// <summary>
    /// <see cref="DivideByCount"/> one B2A short, for a caller that folds it into its next round (<see cref="PendingQuotients"/>):
    /// the table lookup leaves its last round (5 rounds here); the general division finishes and reports no borrows.
    /// </summary>
    internal static PendingQuotients DivideToBorrows(PartySession session, ReadOnlySpan<ulong> dividends, int perCount, ReadOnlySpan<ulong> counts,
        Span<ulong> zeroFlags, ReadOnlySpan<ulong> fallback, ReadOnlySpan<ulong> extraSignTests, long maxCount)
    {
        if (UsesLookup(counts.Length, maxCount))
        {
            return LookupDivision.DivideToBorrows(session, dividends, perCount, counts, LookupDivision.TableBits(maxCount), zeroFlags, fallback, extraSignTests);
        }
        int m = dividends.Length;
        ulong[] values = new ulong[m + extraSignTests.Length];
        DivideByCount(session, dividends, perCount, counts, values.AsSpan(0, m), zeroFlags, fallback, extraSignTests, values.AsSpan(m));
        return new PendingQuotients(values, new ulong[PackedBits.Words(values.Length)], m);
    }

    /// <summary>Whether <see cref="DivideByCount"/> of <paramref name="counts"/> counts bounded by <paramref name="maxCount"/> takes the table lookup.</summary>
    public static bool UsesLookup(int counts, long maxCount)
    {
        if (maxCount < 0 || maxCount >= 1L << LookupMaxBits)
        {
            return false;
        }
        return (16L << LookupDivision.TableBits(maxCount)) * counts <= LookupMaxDealerBytes;
    }

    /// <summary>
    /// q = ⌊x / m⌋ for a public integer m ≥ 1 and shared |x| &lt; 2^62: lift to Z_2^128, multiply by ⌈2^63/m⌉,
    /// truncate by 63, then correct exactly (6 rounds; 9 beyond 2^15 values).
    /// </summary>
    public static void DivideByPublic(PartySession session, ReadOnlySpan<ulong> x, ulong m, Span<ulong> quotients)
    {
        ArgumentOutOfRangeException.ThrowIfZero(m);
        UInt128[] wide = new UInt128[x.Length];
        Truncation.Extend(session, x, wide);
        UInt128 factor = ((UInt128.One << 63) + m - 1) / m;
        for (int i = 0; i < wide.Length; i++)
        {
            wide[i] *= factor;
        }
        Truncation.Truncate<UInt128>(session, wide, 63, wide);
        ulong[] estimate = new ulong[x.Length], remainder = new ulong[x.Length], divisor = new ulong[x.Length];
        Truncation.Reduce(wide, estimate);
        for (int i = 0; i < x.Length; i++)
        {
            remainder[i] = x[i] - estimate[i] * m;
            divisor[i] = session.IsParty0 ? m : 0;
        }
        Correct(session, estimate, remainder, divisor, PublicWindow, quotients);
    }

    private static UInt128[] Thermometer(PartySession session, ReadOnlySpan<ulong> counts, ReadOnlySpan<ulong> extra,
        ReadOnlySpan<ulong> rider, Span<ulong> riderOpened)
    {
        int k = counts.Length;
        ulong[] shifted = new ulong[k * CountBits + extra.Length];
        extra.CopyTo(shifted.AsSpan(k * CountBits));
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < CountBits; j++)
            {
                ulong threshold = j == 0 ? 1UL : 1UL << j;
                shifted[c * CountBits + j] = session.IsParty0 ? counts[c] - threshold : counts[c];
            }
        }
        UInt128[] below = new UInt128[shifted.Length];
        Comparison.LessThanZero<UInt128>(session, shifted, below, rider, riderOpened);
        UInt128 one = session.IsParty0 ? UInt128.One : UInt128.Zero;
        for (int c = 0; c < k; c++)
        {
            // Entry 0 stays [count < 1] = [count = 0]; the others become [count ≥ 2^j].
            for (int j = 1; j < CountBits; j++)
            {
                below[c * CountBits + j] = one - below[c * CountBits + j];
            }
        }
        return below;
    }

    /// <summary>q = q̃ + Σ_{j=1..w}[rem ≥ j·m] − Σ_{j=0..w−1}[rem &lt; −j·m], exact when |⌊rem/m⌋| ≤ w (one comparison: 4 or 8 rounds).</summary>
    private static void Correct(PartySession session, ReadOnlySpan<ulong> estimate, ReadOnlySpan<ulong> remainder, ReadOnlySpan<ulong> divisor,
        int window, Span<ulong> quotients)
    {
        int n = estimate.Length;
        int per = 2 * window;
        ulong[] probes = new ulong[n * per];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < window; j++)
            {
                ulong above = (ulong)(j + 1) * divisor[i];
                ulong below = (ulong)j * divisor[i];
                probes[i * per + 2 * j] = remainder[i] - above;     // < 0 ⇔ rem < (j+1)·m
                probes[i * per + 2 * j + 1] = remainder[i] + below; // < 0 ⇔ rem < −j·m
            }
        }
        ulong[] negative = new ulong[probes.Length];
        Comparison.LessThanZero<ulong>(session, probes, negative);
        ulong one = session.IsParty0 ? 1UL : 0UL;
        for (int i = 0; i < n; i++)
        {
            ulong q = estimate[i];
            for (int j = 0; j < window; j++)
            {
                q += one - negative[i * per + 2 * j];
                q -= negative[i * per + 2 * j + 1];
            }
            quotients[i] = q;
        }
    }
}
