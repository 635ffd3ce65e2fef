namespace PrivClust.Core.Correlations;

/// <summary>The catalogue of correlated randomness the dealer serves (DESIGN §3).</summary>
public enum CorrelationKind : byte
{
    /// <summary>(a, b, c = a·b) in Z_2^64.</summary>
    BeaverTriple64 = 1,
    /// <summary>(a, b, c = a·b) in Z_2^128.</summary>
    BeaverTriple128 = 2,
    /// <summary>(a, a²) in Z_2^64.</summary>
    SquarePair = 3,
    /// <summary>Packed AND triples sharing one operand: (a, b_j, c_j = a ∧ b_j), j &lt; fanout.</summary>
    AndTriple = 4,
    /// <summary>An arithmetic share of a random r with binary shares of r's 64 bits.</summary>
    ComparisonMask = 5,
    /// <summary>r with arithmetic shares of ⌊r / 2^s⌋ and of r's top bit, in Z_2^64.</summary>
    TruncationMask64 = 6,
    /// <summary>The same in Z_2^128.</summary>
    TruncationMask128 = 7,
    /// <summary>r in Z_2^64 with Z_2^128 shares of r and of r's top bit, to lift a share to 128 bits.</summary>
    ExtensionMask = 8,
    /// <summary>A random bit shared in binary and in Z_2^64.</summary>
    DaBit64 = 9,
    /// <summary>A random bit shared in binary and in Z_2^128.</summary>
    DaBit128 = 10,
    /// <summary>A random matrix U (rows×cols) that masks an operand fixed for the whole job.</summary>
    MatrixMask = 11,
    /// <summary>(B, C = U·B) for a fixed mask U (rows×cols) and fresh B (cols×k).</summary>
    LeftMatrixTriple = 12,
    /// <summary>(V, W = V·U) for a fixed mask U (rows×cols) and fresh V (k×rows).</summary>
    RightMatrixTriple = 13,
    /// <summary>A <see cref="LeftMatrixTriple"/> with shares of B∘B (element-wise squares) too.</summary>
    LeftMatrixTripleWithSquares = 14,
    /// <summary>
    /// A <see cref="ComparisonMask"/> with XOR-shares of the products of r's bits within each 4-bit group (the
    /// 11 subsets of <see cref="MonomialShape.Four"/>), bit-sliced: 11 planes of 16 bits per element.
    /// </summary>
    NibbleComparisonMask = 15,
    /// <summary>
    /// Random mask planes with XOR-shares of their products for a multi-input AND (the parameter names the
    /// <see cref="MonomialShape"/>); the count is the number of 64-bit words per plane.
    /// </summary>
    MonomialMasks = 16,
    /// <summary>
    /// A <see cref="ComparisonMask"/> with XOR-shares of the products of r's bits in each pair (2j + 1, 2j), packed like
    /// the 2-ary borrow circuit's first level: 32 bits per element, two elements per word.
    /// </summary>
    PairComparisonMask = 17,
    /// <summary>A random a in Z_2^128 with shares of a², a³ and a⁴: any power of a value up to 4 from one opening.</summary>
    PowerTuple128 = 18,
    /// <summary>A random bit shared in binary and in Z_2^64, with shares of a random v and of bit·v (one-round bit × value).</summary>
    BitValueTriple = 20,
    /// <summary>
    /// A uniform r in Z_2^64 with Z_2^128 shares of the one-hot vector of r mod 2^b (2^b entries, b the parameter, at most
    /// <see cref="CorrelationRequest.MaxOneHotBits"/>): a table lookup on a small secret from one opening.
    /// </summary>
    OneHotMask = 21,
    /// <summary>
    /// A uniform r in Z_2^128 with Z_2^128 shares of ⌊r / 2^62⌋ and of r's top bit, binary shares of r mod 2^62 and the
    /// XOR-shares of the products of those bits within each 4-bit group (as <see cref="NibbleComparisonMask"/>): an exact
    /// truncation by 2^62, its borrow computed like a comparison's.
    /// </summary>
    TruncationBorrowMask = 22,
    /// <summary>
    /// daBits laid out as the rows of a job-long matrix mask U (parameter: the mask id; rows: daBits per mask row) with
    /// Z_2^64 shares of r·U[row, l] for each daBit r and column l of its row: a B2A of bits that multiply the fixed data,
    /// whose product with the data is then local (k-means' sums ride in its assignment's B2A round).
    /// </summary>
    DaBitMaskProducts = 23,
    /// <summary>
    /// A random bit shared in binary and in Z_2^32 (bits whose arithmetic form is only summed into a small count); with a
    /// parameter K (2 to 31) in Z_2^K, party 1's corrections packed at K bits (<see cref="ICorrelationSource.NarrowDaBits"/>).
    /// </summary>
    DaBit32 = 24,
    /// <summary>
    /// For comparisons of values with a public bound (parameter: the width L, 2 to 63): a uniform ρ in Z_2^L with its
    /// arithmetic shares, binary shares of its L bits in bit-sliced planes, and XOR-shares of the products of its bit
    /// pairs (2j + 1, 2j), one plane per pair (<see cref="Protocols.NarrowComparison"/>).
    /// </summary>
    NarrowComparisonMask = 25,
    /// <summary>
    /// A uniform r in Z_2^64 with Z_2^64 shares of ⌊r / 2^K⌋ and of bit K − 1 of r (parameter: K, 3 to 63): r mod 2^K and
    /// its top bit, to lift values known modulo 2^K into Z_2^64 (<see cref="Protocols.RingLift"/>).
    /// </summary>
    LiftMask = 26,
    /// <summary>
    /// A <see cref="LeftMatrixTripleWithSquares"/> for an operand Y = Base − b whose bits b (cols×k) are still binary shares
    /// (a division's borrows): also daBits r (cols×k, binary and Z_2^64) with Z_2^64 shares of U[i, l]·r[l, j] for every row i
    /// and of B∘r, so that the B2A of b rides in the product's own opening (<see cref="Protocols.MatrixProduct.MultiplyLeftPending"/>).
    /// </summary>
    LeftMatrixTripleWithBorrows = 27,
}
