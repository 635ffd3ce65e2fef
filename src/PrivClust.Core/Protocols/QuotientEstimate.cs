using System.Runtime.CompilerServices;
namespace PrivClust.Core.Protocols;

/// <summary>
/// The approximate quotients q̃ = ⌊S·p·N / 2^90⌋ (+1 at most) of <see cref="Division.DivideByCount"/> and q̃·m, where
/// N ≈ 2^60/v̂ is the Goldschmidt reciprocal of the normalised count v = count'·p = v̂·2^30, v̂ in [0.5, 1):
/// D₀ = v, F₀ = 2.9142 − 2v̂, then N ← N·F, D ← D·F, F = 2 − D, truncated back to scale 60 after each product; the
/// relative error after the fourth product is (0.0858)^8 &lt; 2^-28. 5 rounds:
/// <list type="number">
/// <item>every Beaver product the later rounds need: products of the masks of the truncations still to come (drawn
/// now, <see cref="PendingTruncation"/>) with each other, with S·p and with m; v − a rides along for a power tuple
/// (a, a², a³, a⁴), which gives v, v², v³, v⁴ locally;</item>
/// <item>N₁·F₁ and D₁·F₁ are polynomials in v of degree 3 and 4 (F₀ = α − 2v̂, D₁ = v·F₀, F₁ = 2 − D₁), so they are
/// local too: step 1 is its truncation round;</item>
/// <item>steps 2 and 3: each product N·F = 2N − N·D of truncation outputs is local from the prepared mask products,
/// so each step is its truncation round only;</item>
/// <item>S·p·N₄ likewise, and its truncation by 2^90 (one round); q̃·m is then local too.</item>
/// </list>
/// Every value is the one the unfused sequence (multiply, truncate, multiply, …) computes; only the rounds differ.
/// </summary>
internal static class QuotientEstimate
{
    private const int Scale = 60;
    private const int CountBits = Division.CountBits;

    /// <summary>q̃ and q̃·m (in Z_2^64) for k counts and k×perCount dividends, from the shares of v, S·p and m = count'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (ulong[] Estimate, ulong[] Times) Compute(PartySession session, ReadOnlySpan<UInt128> v, ReadOnlySpan<UInt128> scaledSums,
        ReadOnlySpan<UInt128> divisors, int perCount)
    {
        int k = v.Length, m = scaledSums.Length;
        UInt128 alpha = (UInt128)Math.Round(2.9142 * (1L << CountBits));
        UInt128 constant = session.IsParty0 ? UInt128.One : UInt128.Zero;
        UInt128 two = UInt128.One << (Scale + 1);
        var step1 = new PendingTruncation(session, 2 * k, Scale);
        var step2 = new PendingTruncation(session, 2 * k, Scale);
        var step3 = new PendingTruncation(session, k, Scale);
        var quotient = new PendingTruncation(session, m, Scale + CountBits);

        // Round 1: the prepared products, and v − a opened for v's powers.
        var factors = new List<(UInt128 Left, UInt128 Right)>(12 * k + 4 * m);
        for (int c = 0; c < k; c++)
        {
            factors.AddRange(step1.PairFactors(c, step1, k + c));        // N2·D2
            factors.AddRange(step1.PairFactors(k + c, step1, k + c));    // D2·D2
            factors.AddRange(step2.PairFactors(c, step2, k + c));        // N3·D3
        }
        for (int i = 0; i < m; i++)
        {
            factors.Add((step3.Top[i / perCount], scaledSums[i]));       // S·p·N4
            factors.Add((step3.High[i / perCount], scaledSums[i]));
            factors.Add((quotient.Top[i], divisors[i / perCount]));      // q̃·m
            factors.Add((quotient.High[i], divisors[i / perCount]));
        }
        UInt128[] left = factors.Select(p => p.Left).ToArray(), right = factors.Select(p => p.Right).ToArray();
        UInt128[] products = new UInt128[left.Length];
        UInt128[] powers = Powers(session, v, (masked, opened) => Multiplication.Multiply<UInt128>(session, left, right, products, masked, opened));
        ReadOnlySpan<UInt128> pairs = products.AsSpan(0, 12 * k), withSums = products.AsSpan(12 * k);

        // Step 1: N1·F1 and D1·F1 are polynomials in v (degree 3 and 4), local from v's powers; truncated (one round).
        UInt128[] f0 = [alpha, UInt128.Zero - 2];                          // F0 = α − 2v̂, scale 30
        UInt128[] n1 = Times([UInt128.One << (Scale - CountBits)], f0);    // N1 = F0 at scale 60
        UInt128[] d1 = Times([UInt128.Zero, UInt128.One], f0);             // D1 = v·F0
        UInt128[] f1 = [two - d1[0], UInt128.Zero - d1[1], UInt128.Zero - d1[2]];
        UInt128[][] step1Polynomials = [Times(n1, f1), Times(d1, f1)];
        UInt128[] y = new UInt128[2 * k];
        for (int c = 0; c < k; c++)
        {
            y[c] = Evaluate(step1Polynomials[0], powers, c, k, constant);
            y[k + c] = Evaluate(step1Polynomials[1], powers, c, k, constant);
        }
        step1.Open(y);
        // Step 2: N2·F2 = 2·N2 − N2·D2 and D2·F2 = 2·D2 − D2·D2, local; truncated (one round).
        for (int c = 0; c < k; c++)
        {
            y[c] = two * step1.Output(c) - step1.Times(c, step1, k + c, pairs.Slice(12 * c, 4));
            y[k + c] = two * step1.Output(k + c) - step1.Times(k + c, step1, k + c, pairs.Slice(12 * c + 4, 4));
        }
        step2.Open(y);
        // Step 3: N3·F3 = 2·N3 − N3·D3, local; truncated (one round).
        y = new UInt128[k];
        for (int c = 0; c < k; c++)
        {
            y[c] = two * step2.Output(c) - step2.Times(c, step2, k + c, pairs.Slice(12 * c + 8, 4));
        }
        step3.Open(y);
        // q̃ = S·p·N4 / 2^90: the product is local, its truncation one round; then q̃·m is local.
        y = new UInt128[m];
        for (int i = 0; i < m; i++)
        {
            y[i] = step3.Times(i / perCount, scaledSums[i], withSums[4 * i], withSums[4 * i + 1]);
        }
        quotient.Open(y);
        ulong[] estimate = new ulong[m], times = new ulong[m];
        for (int i = 0; i < m; i++)
        {
            estimate[i] = (ulong)quotient.Output(i);
            times[i] = (ulong)quotient.Times(i, divisors[i / perCount], withSums[4 * i + 2], withSums[4 * i + 3]);
        }
        return (estimate, times);
    }

    /// <summary>
    /// Shares of v, v², v³, v⁴ (plane-major, 4·k) from one opening of v − a with a power tuple (a, a², a³, a⁴): the opening
    /// rides in <paramref name="round"/>, which exchanges it with its own messages.
    /// </summary>
    private static UInt128[] Powers(PartySession session, ReadOnlySpan<UInt128> v, Action<UInt128[], UInt128[]> round)
    {
        int k = v.Length;
        UInt128[] a = new UInt128[k], aPowers = new UInt128[3 * k], masked = new UInt128[k], d = new UInt128[k];
        session.Correlations.PowerTuples(a, aPowers);
        for (int c = 0; c < k; c++)
        {
            masked[c] = v[c] - a[c];
        }
        round(masked, d);
        UInt128 own = session.IsParty0 ? UInt128.One : UInt128.Zero;
        UInt128[] powers = new UInt128[4 * k];
        for (int c = 0; c < k; c++)
        {
            // [v^j] = Σ_i C(j, i)·d^(j−i)·[a^i], [a^0] = the public 1.
            UInt128[] aShare = [own, a[c], aPowers[c], aPowers[k + c], aPowers[2 * k + c]];
            for (int j = 1; j <= 4; j++)
            {
                UInt128 sum = UInt128.Zero, binomial = UInt128.One, dPower = UInt128.One;
                for (int i = j; i >= 0; i--)
                {
                    sum += binomial * dPower * aShare[i];
                    binomial = binomial * (UInt128)(uint)i / (UInt128)(uint)(j - i + 1);
                    dPower *= d[c];
                }
                powers[(j - 1) * k + c] = sum;
            }
        }
        return powers;
    }

    /// <summary>The product of two polynomials with public coefficients (lowest degree first), in Z_2^128.</summary>
    private static UInt128[] Times(UInt128[] p, UInt128[] q)
    {
        UInt128[] r = new UInt128[p.Length + q.Length - 1];
        for (int i = 0; i < p.Length; i++)
        {
            for (int j = 0; j < q.Length; j++)
            {
                r[i + j] += p[i] * q[j];
            }
        }
        return r;
    }

    /// <summary>This party's share of polynomial(v_c) from the shares of v's powers.</summary>
    private static UInt128 Evaluate(UInt128[] polynomial, UInt128[] powers, int c, int k, UInt128 constant)
    {
        UInt128 sum = polynomial[0] * constant;
        for (int j = 1; j < polynomial.Length; j++)
        {
            sum += polynomial[j] * powers[(j - 1) * k + c];
        }
        return sum;
    }
}
