using System.Numerics;
using PrivClust.Core.Correlations;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Local evaluation of a monomial of XOR-shared bit planes from the dealer's mask products (no communication).
/// Each input is x_j = α_j ∧ v_j ⊕ γ_j with public planes α_j, γ_j and a secret variable plane v_j whose shares
/// (and the shares of the products of variables, <see cref="MonomialShape"/>) come from the dealer. Then
/// ∏_j x_j = ⊕_{T ⊆ inputs} (∧_{j∈T} α_j ∧ ∧_{j∉T} γ_j) ∧ v_T, where v_∅ is the public 1 (held by party 0), v_{j} is
/// a variable share and v_T for |T| ≥ 2 a product share. Two uses:
/// <list type="bullet">
/// <item>multi-input Beaver: v_j is a fresh mask a_j, e_j = x_j ⊕ a_j has been opened, so α_j = 1 and γ_j = e_j;</item>
/// <item>the comparison's first borrow level: the inputs g = r ∧ ¬c and p = r ⊕ ¬c are affine in the comparison mask's
/// bits r (the variables) with the opened c in α and γ, so that level needs no opening at all.</item>
/// </list>
/// </summary>
internal static class MaskExpansion
{
    /// <summary>One input plane α ∧ v ⊕ γ; a null <see cref="Alpha"/> means all ones, a null <see cref="Gamma"/> all zeros.</summary>
    public readonly record struct Input(int Variable, ulong[]? Alpha, ulong[]? Gamma);

    /// <summary>
    /// XORs this party's share of ∏ <paramref name="inputs"/> into <paramref name="output"/> (one word per position).
    /// <paramref name="variables"/> and <paramref name="products"/> are plane-major with output.Length words a plane.
    /// </summary>
    public static void XorMonomial(ReadOnlySpan<Input> inputs, MonomialShape shape, ReadOnlySpan<ulong> variables, ReadOnlySpan<ulong> products,
        bool party0, Span<ulong> output)
    {
        int words = output.Length, degree = inputs.Length;
        int[] variableMask = new int[1 << degree];
        for (int t = 1; t < variableMask.Length; t++)
        {
            int low = BitOperations.TrailingZeroCount(t);
            variableMask[t] = variableMask[t & (t - 1)] | 1 << inputs[low].Variable;
        }
        int[] plane = new int[variableMask.Length];
        for (int t = 1; t < plane.Length; t++)
        {
            int mask = variableMask[t];
            plane[t] = BitOperations.PopCount((uint)mask) == 1 ? -1 - BitOperations.TrailingZeroCount(mask) : shape.IndexOf(mask);
        }
        ulong own = party0 ? ulong.MaxValue : 0;
        for (int w = 0; w < words; w++)
        {
            ulong sum = 0;
            for (int t = 0; t < plane.Length; t++)
            {
                ulong coefficient = ulong.MaxValue;
                for (int j = 0; j < degree && coefficient != 0; j++)
                {
                    Input input = inputs[j];
                    coefficient &= ((t >> j) & 1) != 0 ? input.Alpha?[w] ?? ulong.MaxValue : input.Gamma?[w] ?? 0;
                }
                if (coefficient == 0)
                {
                    continue;
                }
                ulong share = t == 0 ? own : plane[t] < 0 ? variables[(-1 - plane[t]) * words + w] : products[plane[t] * words + w];
                sum ^= coefficient & share;
            }
            output[w] ^= sum;
        }
    }

    /// <summary>
    /// The multi-input Beaver opening, one round: takes fresh masks a and their products for <paramref name="shape"/>
    /// (into <paramref name="masks"/>, <paramref name="products"/>), opens e_j = x_j ⊕ a_j for every variable plane of
    /// <paramref name="x"/> (plane-major, <paramref name="words"/> words a plane) and returns the opened planes.
    /// </summary>
    public static ulong[][] OpenMasked(PartySession session, MonomialShape shape, ReadOnlySpan<ulong> x, int words, ulong[] masks, ulong[] products, string what)
    {
        session.Correlations.MonomialMasks(shape, words, masks, products);
        int length = shape.Variables * words;
        using var mineBuffer = new PooledBuffer<ulong>(length);
        using var theirsBuffer = new PooledBuffer<ulong>(length);
        Span<ulong> mine = mineBuffer.Span, theirs = theirsBuffer.Span;
        for (int i = 0; i < length; i++)
        {
            mine[i] = x[i] ^ masks[i];
        }
        session.Exchange<ulong>(mine, theirs);
        ulong[] opened = new ulong[length];
        for (int i = 0; i < length; i++)
        {
            opened[i] = mine[i] ^ theirs[i];
        }
        session.Observe(what, OpeningKind.Masked, opened);
        return Enumerable.Range(0, shape.Variables).Select(v => opened[(v * words)..((v + 1) * words)]).ToArray();
    }

    /// <summary>The inputs of a monomial over opened Beaver variables: x_j = e_j ⊕ a_j.</summary>
    public static Input[] Opened(ulong[][] e, params int[] variables) => variables.Select(v => new Input(v, null, e[v])).ToArray();
}
