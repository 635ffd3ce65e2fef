using System.Numerics;

namespace PrivClust.Core.Correlations;

/// <summary>
/// A party's view of the dealer's correlated randomness. Every method returns this party's shares; the two
/// parties' shares add up (or XOR, for binary shares) to the stated relation. Both parties call the same
/// methods with the same sizes in the same order.
/// </summary>
public interface ICorrelationSource
{
    int PartyIndex { get; }

    /// <summary>Dealer traffic received so far (corrections; zero for party 0).</summary>
    long CorrectionBytesReceived { get; }

    /// <summary>Starts recording the requests this source makes (to replay them as a prefetch plan); null stops.</summary>
    List<CorrelationRequest>? Recording { get; set; }

    /// <summary>Passes a plan of requests that will certainly follow to the dealer feed (party 1; no-op for party 0).</summary>
    void Prefetch(IReadOnlyList<CorrelationRequest> upcoming);

    /// <summary>A plan that follows an iteration boundary right after what was announced before (<see cref="ICorrectionFeed.PrefetchAfterBoundary"/>).</summary>
    void PrefetchAfterBoundary(IReadOnlyList<CorrelationRequest> upcoming);

    /// <summary>The dealer feed acts on announced plans (<see cref="ICorrectionFeed.WantsPlans"/>); false for party 0.</summary>
    bool WantsPlans { get; }

    /// <summary>Where this source stands (its streams' positions and masks), to checkpoint a job.</summary>
    CorrelationPosition Position { get; }

    /// <summary>Moves a fresh source (same seed) to a checkpointed position.</summary>
    void Restore(CorrelationPosition position);

    /// <summary>Shares of a, b, c with c = a·b (T is <c>ulong</c> or <c>UInt128</c>).</summary>
    void BeaverTriples<T>(Span<T> a, Span<T> b, Span<T> c) where T : unmanaged, IBinaryInteger<T>;

    /// <summary>Shares of a and c = a².</summary>
    void SquarePairs(Span<ulong> a, Span<ulong> c);

    /// <summary>
    /// Binary shares of packed words a, b1, c1 = a ∧ b1 and, when <paramref name="b2"/> is not empty, b2 and
    /// c2 = a ∧ b2 (two AND gates that share the operand a open a only once).
    /// </summary>
    void AndTriples(Span<ulong> a, Span<ulong> b1, Span<ulong> c1, Span<ulong> b2, Span<ulong> c2);

    /// <summary>An arithmetic share of a uniform r and a binary (XOR) share of the same r.</summary>
    void ComparisonMasks(Span<ulong> r, Span<ulong> rBits);

    /// <summary>
    /// <see cref="ComparisonMasks"/> plus XOR-shares of the products of r's bits within each 4-bit group, for the
    /// 4-ary borrow circuit: plane t of <paramref name="products"/> (each
    /// <see cref="CorrelationRequest.NibblePlaneWords"/>(r.Length) words) holds, at bit 16·i + j, the product over the
    /// positions in <see cref="MonomialShape.Products"/>[t] of <see cref="MonomialShape.Four"/> of bits 4j + position of r_i.
    /// </summary>
    void NibbleComparisonMasks(Span<ulong> r, Span<ulong> rBits, Span<ulong> products);

    /// <summary>
    /// <see cref="ComparisonMasks"/> plus XOR-shares of the products of r's bits in each pair, for the 2-ary borrow
    /// circuit: word w of <paramref name="products"/> ((r.Length + 1) / 2 words) holds at bit j the product of bits
    /// 2j + 1 and 2j of r_{2w}, and at bit 32 + j the same of r_{2w+1}.
    /// </summary>
    void PairComparisonMasks(Span<ulong> r, Span<ulong> rBits, Span<ulong> products);

    /// <summary>
    /// For <see cref="Protocols.NarrowComparison"/>: arithmetic shares of a uniform ρ in Z_2^<paramref name="bits"/>
    /// (<paramref name="rho"/>, values below 2^bits), binary shares of its bits in planes (<paramref name="rhoPlanes"/>:
    /// plane j of PackedBits.Words(rho.Length) words holds bit j of every ρ_i at bit i) and XOR-shares of the pair products
    /// ρ_{2j+1}∧ρ_{2j} for j &lt; (bits − 1)/2 (<paramref name="pairPlanes"/>, one plane each).
    /// </summary>
    void NarrowComparisonMasks(int bits, Span<ulong> rho, Span<ulong> rhoPlanes, Span<ulong> pairPlanes);

    /// <summary>Shares of a uniform a in Z_2^128 and of its powers: a², a³, a⁴ in <paramref name="powers"/> (3·a.Length, plane-major).</summary>
    void PowerTuples(Span<UInt128> a, Span<UInt128> powers);

    /// <summary>
    /// Binary shares of random mask planes (<paramref name="masks"/>: shape.Variables planes of
    /// <paramref name="words"/> words) and of their products (<paramref name="products"/>: one plane per entry of
    /// shape.Products), for multi-input AND gates that open each input once.
    /// </summary>
    void MonomialMasks(MonomialShape shape, int words, Span<ulong> masks, Span<ulong> products);

    /// <summary>Shares of a uniform r in Z_2^64, of ⌊r / 2^<paramref name="bits"/>⌋ and of bit bits − 1 of r (as 0/1).</summary>
    void LiftMasks(int bits, Span<ulong> r, Span<ulong> rHigh, Span<ulong> rTopBit);

    /// <summary>Shares of a uniform r, of ⌊r / 2^shift⌋ and of r's top bit (as 0/1), all in T.</summary>
    void TruncationMasks<T>(int shift, Span<T> r, Span<T> rHigh, Span<T> rTopBit) where T : unmanaged, IBinaryInteger<T>;

    /// <summary>A Z_2^64 share of a uniform r and Z_2^128 shares of r (as an integer below 2^64) and of its top bit.</summary>
    void ExtensionMasks(Span<ulong> r, Span<UInt128> rWide, Span<UInt128> rTopBitWide);

    /// <summary>
    /// Random bits: binary shares packed 64 per word in <paramref name="bits"/>, arithmetic 0/1 shares in T: uint
    /// (<see cref="CorrelationKind.DaBit32"/>), ulong (<see cref="CorrelationKind.DaBit64"/>) or UInt128 (<see cref="CorrelationKind.DaBit128"/>).
    /// </summary>
    void DaBits<T>(Span<ulong> bits, Span<T> arithmetic) where T : unmanaged, IBinaryInteger<T>;

    /// <summary>
    /// Random bits: binary shares packed 64 per word, arithmetic 0/1 shares in Z_2^<paramref name="width"/> (2 to 31; the
    /// bits of <paramref name="arithmetic"/> above the width are meaningless): <see cref="CorrelationKind.DaBit32"/> with
    /// the width as its parameter, whose corrections travel at the width (bits merely summed into a count below 2^(width − 1)).
    /// </summary>
    void NarrowDaBits(int width, Span<ulong> bits, Span<uint> arithmetic);

    /// <summary>
    /// Random bits r (binary shares packed 64 per word in <paramref name="bits"/>, arithmetic 0/1 shares in
    /// <paramref name="bitShares"/>), shares of a uniform v and of r·v: a bit times a value in one round.
    /// </summary>
    void BitValueTriples(Span<ulong> bits, Span<ulong> bitShares, Span<ulong> v, Span<ulong> product);

    /// <summary>
    /// daBits (binary <paramref name="bits"/>, arithmetic <paramref name="arithmetic"/>) for the rows of matrix mask
    /// <paramref name="maskId"/>, <paramref name="perRow"/> per row (daBit t belongs to row t / perRow), with shares of
    /// r_t·U[t / perRow, l] in <paramref name="products"/>[t·columns + l] (<see cref="CorrelationKind.DaBitMaskProducts"/>).
    /// </summary>
    void DaBitMaskProducts(int maskId, int perRow, Span<ulong> bits, Span<ulong> arithmetic, Span<ulong> products);

    /// <summary>
    /// Z_2^128 shares of a uniform r, of ⌊r / 2^62⌋ and of r's top bit; binary shares of r mod 2^62 (one word per element,
    /// bits 62 and 63 clear) and of their products within each 4-bit group (<paramref name="products"/>: the planes of
    /// <see cref="NibbleComparisonMasks"/>).
    /// </summary>
    void TruncationBorrowMasks(Span<UInt128> r, Span<UInt128> rHigh, Span<UInt128> rTopBit, Span<ulong> lowBits, Span<ulong> products);

    /// <summary>
    /// Shares of a uniform r in Z_2^64 and Z_2^128 shares of the one-hot vector of r mod 2^<paramref name="bits"/>:
    /// <paramref name="oneHot"/> holds 2^bits entries per element of <paramref name="r"/>, element after element.
    /// </summary>
    void OneHotMasks(int bits, Span<ulong> r, Span<UInt128> oneHot);

    /// <summary>This party's share of a fresh random rows×columns matrix mask U, remembered under <paramref name="maskId"/>.</summary>
    void MatrixMask(int maskId, int rows, int columns, Span<ulong> u);

    /// <summary>
    /// Shares of a random B (columns×k) and C = U·B (rows×k), U the mask <paramref name="maskId"/>; when
    /// <paramref name="bSquares"/> is not empty, also shares of B∘B (element-wise).
    /// </summary>
    void LeftMatrixTriple(int maskId, int k, Span<ulong> b, Span<ulong> c, Span<ulong> bSquares = default, int width = 0);

    /// <summary>
    /// A <see cref="LeftMatrixTriple"/> with <paramref name="bSquares"/> for an operand whose bits are still binary shares: also
    /// daBits r (columns×k; binary in <paramref name="rBits"/>, packed, and Z_2^64 in <paramref name="r"/>) with shares of
    /// U[i, l]·r[l, j] in <paramref name="maskProducts"/>[(i·columns + l)·k + j] and of B∘r in <paramref name="bProducts"/>
    /// (<see cref="CorrelationKind.LeftMatrixTripleWithBorrows"/>).
    /// </summary>
    void LeftMatrixTripleWithBorrows(int maskId, int k, Span<ulong> b, Span<ulong> c, Span<ulong> bSquares, Span<ulong> rBits, Span<ulong> r,
        Span<ulong> maskProducts, Span<ulong> bProducts);

    /// <summary>Shares of a random V (k×rows) and W = V·U (k×columns), U the mask <paramref name="maskId"/>.</summary>
    void RightMatrixTriple(int maskId, int k, Span<ulong> v, Span<ulong> w);
}
