using System.Numerics;
using System.Runtime.CompilerServices;

namespace PrivClust.Core.Correlations;

/// <summary>
/// Which products of random mask bits a multi-input AND correlation holds. A protocol evaluates monomials ∏ x_j of
/// XOR-shared bit planes by writing each x_j = α_j ∧ v_j ⊕ γ_j with public α, γ and a dealer's random plane v_j
/// (the variable); ∏ x_j then expands into ⊕_T (public coefficient) ∧ v_T over the subsets T of the monomial's
/// variables, and the dealer supplies XOR-shares of every v_T with |T| ≥ 2. A shape lists those subsets (as bit
/// masks over the variables, ascending) for the monomials it serves. The shapes are fixed: the request parameter
/// names one by <see cref="Id"/>, and the dealer and both parties build the same list.
/// </summary>
public sealed class MonomialShape
{
    /// <summary>All 11 subsets (|T| ≥ 2) of 4 variables: one 4-input AND, or a 4-bit group of mask bits.</summary>
    public static readonly MonomialShape Four = new(0, 4, [0b1111]);

    /// <summary>
    /// The borrow of a group of four (generate, propagate) pairs, G = g3 ⊕ p3g2 ⊕ p3p2g1 ⊕ p3p2p1g0, over the
    /// variables 0:g0 1:g1 2:g2 3:p1 4:p2 5:p3 (g3 is linear): 15 subsets.
    /// </summary>
    public static readonly MonomialShape Borrow = new(1, 6, [0b100100, 0b110010, 0b111001]);

    /// <summary><see cref="Borrow"/> and the group's propagate P = p3p2p1p0 (variable 6: p0): 22 subsets.</summary>
    public static readonly MonomialShape BorrowAndPropagate = new(2, 7, [0b100100, 0b110010, 0b111001, 0b1111000]);

    private readonly int[] _products;
    private readonly int[] _index;

    private MonomialShape(int id, int variables, int[] monomials)
    {
        Id = id;
        Variables = variables;
        _products = Enumerable.Range(0, 1 << variables)
            .Where(t => BitOperations.PopCount((uint)t) >= 2 && monomials.Any(m => (t & ~m) == 0))
            .ToArray();
        _index = Enumerable.Repeat(-1, 1 << variables).ToArray();
        for (int i = 0; i < _products.Length; i++)
        {
            _index[_products[i]] = i;
        }
    }

    /// <summary>The request parameter that names this shape.</summary>
    public int Id { get; }

    /// <summary>How many random variable planes (masks) one correlation holds.</summary>
    public int Variables { get; }

    /// <summary>The variable subsets whose products the dealer shares, ascending.</summary>
    public ReadOnlySpan<int> Products => _products;

    /// <summary>The position of subset <paramref name="subset"/> in <see cref="Products"/>.</summary>
    public int IndexOf(int subset) => _index[subset] >= 0 ? _index[subset]
        : throw new ArgumentException($"Subset {subset} is not a product of shape {Id}.", nameof(subset));

    /// <summary>The shape a request parameter names.</summary>
    public static MonomialShape FromId(int id) => id switch
    {
        0 => Four,
        1 => Borrow,
        2 => BorrowAndPropagate,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown monomial shape."),
    };

    /// <summary>XORs into <paramref name="products"/> (plane-major, Products.Length planes) the products of the variable planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<ulong> variables, int words, Span<ulong> products)
    {
        // Products are closed under dropping a variable (down to two), and ascending: T's plane is T∖{lowest}'s AND that variable.
        ulong[] planes = new ulong[_products.Length * words];
        for (int p = 0; p < _products.Length; p++)
        {
            int t = _products[p], low = BitOperations.TrailingZeroCount(t), rest = t & (t - 1);
            ReadOnlySpan<ulong> lowPlane = variables.Slice(low * words, words);
            ReadOnlySpan<ulong> restPlane = BitOperations.PopCount((uint)rest) == 1
                ? variables.Slice(BitOperations.TrailingZeroCount(rest) * words, words)
                : planes.AsSpan(IndexOf(rest) * words, words);
            Span<ulong> plane = planes.AsSpan(p * words, words);
            for (int w = 0; w < words; w++)
            {
                plane[w] = lowPlane[w] & restPlane[w];
                products[p * words + w] ^= plane[w];
            }
        }
    }
}
