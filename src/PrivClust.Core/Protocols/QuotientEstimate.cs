using System.Runtime.CompilerServices;
namespace PrivClust.Core.Protocols;

/// <summary>
/// The approximate quotients q̃ = ⌊S·p·N / 2^90⌋ (+1 at most) of <see cref="Division.DivideByCount"/> and q̃·m, where
/// N ≈ 2^60/v̂ is the Goldschmidt reciprocal of the normalised count v = count'·p = v̂·2^30, v̂ in [0.5, 1):
/// D₀ = v, F₀ = 2.9142 − 2v̂, then N ← N·F, D ← D·F, F = 2 − D, truncated back to scale 60 after each product; the
/// relative error after the fourth product is (0.0858)^8 &lt; 2^-28. 6 rounds:
/// <list type="number">
/// <item>D₁ = v·F₀, together with every Beaver product the later rounds need: products of the masks of the
/// truncations still to come (drawn now, <see cref="PendingTruncation"/>) with each other, with S·p and with m;</item>
/// <item>N·F₁ and D₁·F₁ (one multiplication round), then their truncation (one round);</item>
/// <item>steps 2 and 3: each product N·F = 2N − N·D of truncation outputs is local from the prepared mask products,
/// so each step is its truncation round only;</item>
/// <item>S·p·N₄ likewise, and its truncation by 2^90 (one round); q̃·m is then local too (it was a seventh round).</item>
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
        UInt128[] n = new UInt128[k], f = new UInt128[k];
        for (int c = 0; c < k; c++)
        {
            f[c] = alpha * constant - 2 * v[c];          // F0 at scale 30
            n[c] = f[c] << (Scale - CountBits);          // N1 = F0 at scale 60
        }
        var step1 = new PendingTruncation(session, 2 * k, Scale);
        var step2 = new PendingTruncation(session, 2 * k, Scale);
        var step3 = new PendingTruncation(session, k, Scale);
        var quotient = new PendingTruncation(session, m, Scale + CountBits);

        // Round 1: D1 = v·F0 and the prepared products.
        var factors = new List<(UInt128 Left, UInt128 Right)>(k + 12 * k + 4 * m);
        for (int c = 0; c < k; c++)
        {
            factors.Add((v[c], f[c]));
        }
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
        Multiplication.Multiply<UInt128>(session, left, right, products);
        ReadOnlySpan<UInt128> pairs = products.AsSpan(k, 12 * k), withSums = products.AsSpan(13 * k);

        // Step 1: N·F1 and D1·F1 (one round), truncated (one round).
        UInt128[] d = products[..k];
        for (int c = 0; c < k; c++)
        {
            f[c] = two * constant - d[c];
        }
        UInt128[] y = new UInt128[2 * k];
        Multiplication.Multiply<UInt128>(session, [.. n, .. d], [.. f, .. f], y);
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
}
