using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// Term by term: a subset T contributes only when every input outside T has a γ; its coefficient plane is the AND of
    /// the α of the inputs in T and the γ of the others.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void XorMonomial(ReadOnlySpan<Input> inputs, MonomialShape shape, ReadOnlySpan<ulong> variables, ReadOnlySpan<ulong> products,
        bool party0, Span<ulong> output)
    {
        int words = output.Length, degree = inputs.Length;
        using var termBuffer = new PooledBuffer<ulong>(words);
        Span<ulong> term = termBuffer.Span;
        for (int t = party0 ? 0 : 1; t < 1 << degree; t++)
        {
            int variableMask = 0;
            bool vanishes = false;
            for (int j = 0; j < degree && !vanishes; j++)
            {
                if (((t >> j) & 1) != 0)
                {
                    variableMask |= 1 << inputs[j].Variable;
                }
                else
                {
                    vanishes = inputs[j].Gamma is null;
                }
            }
            if (vanishes)
            {
                continue;
            }
            if (t == 0)
            {
                term.Fill(ulong.MaxValue);                  // v_∅ = 1, held by party 0
            }
            else if (BitOperations.PopCount((uint)variableMask) == 1)
            {
                variables.Slice(BitOperations.TrailingZeroCount(variableMask) * words, words).CopyTo(term);
            }
            else
            {
                products.Slice(shape.IndexOf(variableMask) * words, words).CopyTo(term);
            }
            for (int j = 0; j < degree; j++)
            {
                ulong[]? factor = ((t >> j) & 1) != 0 ? inputs[j].Alpha : inputs[j].Gamma;
                if (factor is not null)
                {
                    AndInto(term, factor);
                }
            }
            XorInto(output, term);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AndInto(Span<ulong> target, ReadOnlySpan<ulong> x)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var t = MemoryMarshal.Cast<ulong, Vector<ulong>>(target);
            var v = MemoryMarshal.Cast<ulong, Vector<ulong>>(x[..target.Length]);
            for (int k = 0; k < t.Length; k++)
            {
                t[k] &= v[k];
            }
            i = t.Length * Vector<ulong>.Count;
        }
        for (; i < target.Length; i++)
        {
            target[i] &= x[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void XorInto(Span<ulong> target, ReadOnlySpan<ulong> x)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var t = MemoryMarshal.Cast<ulong, Vector<ulong>>(target);
            var v = MemoryMarshal.Cast<ulong, Vector<ulong>>(x[..target.Length]);
            for (int k = 0; k < t.Length; k++)
            {
                t[k] ^= v[k];
            }
            i = t.Length * Vector<ulong>.Count;
        }
        for (; i < target.Length; i++)
        {
            target[i] ^= x[i];
        }
    }

    /// <summary>
    /// The multi-input Beaver opening, one round: takes fresh masks a and their products for <paramref name="shape"/>
    /// (into <paramref name="masks"/>, <paramref name="products"/>), opens e_j = x_j ⊕ a_j for every variable plane of
    /// <paramref name="x"/> (plane-major, <paramref name="words"/> words a plane) and returns the opened planes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
