namespace PrivClust.Core.Correlations;

/// <summary>
/// One request of a correlation stream: <see cref="Count"/> correlations of <see cref="Kind"/>, with the
/// kind's parameter (<see cref="Parameter"/>: fan-out of AND triples, shift of truncation masks, mask id of
/// matrix triples) and, for a matrix mask, its shape. Both parties issue the same requests in the same order.
/// <see cref="Width"/> (left matrix triples only): the product is needed modulo 2^Width (0: the whole ring), and its
/// corrections travel packed at that width.
/// </summary>
public readonly record struct CorrelationRequest(CorrelationKind Kind, int Count, int Parameter = 0, int Rows = 0, int Columns = 0, int Width = 0)
{
    /// <summary>Bytes of corrections the dealer sends party 1 for this request.</summary>
    public long CorrectionBytes => Width != 0 && Kind is not (CorrelationKind.LeftMatrixTriple or CorrelationKind.LeftMatrixTripleWithSquares)
        ? throw new ArgumentOutOfRangeException(nameof(Width), Width, $"{Kind} has no width.")
        : Kind switch
    {
        CorrelationKind.BeaverTriple64 => 8L * Count,
        CorrelationKind.BeaverTriple128 => 16L * Count,
        CorrelationKind.SquarePair => 8L * Count,
        CorrelationKind.AndTriple => 8L * Count * Parameter,
        CorrelationKind.ComparisonMask => 8L * Count,
        CorrelationKind.TruncationMask64 => 16L * Count,
        CorrelationKind.TruncationMask128 => 32L * Count,
        CorrelationKind.ExtensionMask => 32L * Count,
        CorrelationKind.DaBit32 => Parameter switch
        {
            0 => 4L * Count,
            >= MinNarrowDaBitWidth and <= MaxNarrowDaBitWidth => 8L * ((Count * (long)Parameter + 63) >> 6),
            _ => throw new ArgumentOutOfRangeException(nameof(Parameter), Parameter,
                $"Narrow daBits have {MinNarrowDaBitWidth} to {MaxNarrowDaBitWidth} bits (0: the whole Z_2^32)."),
        },
        CorrelationKind.DaBit64 => 8L * Count,
        CorrelationKind.DaBit128 => 16L * Count,
        CorrelationKind.MatrixMask => 0,
        CorrelationKind.LeftMatrixTriple => ProductBytes,
        CorrelationKind.RightMatrixTriple => 8L * Count * Columns,
        CorrelationKind.LeftMatrixTripleWithSquares => ProductBytes + 8L * Columns * Count,
        CorrelationKind.LeftMatrixTripleWithBorrows => ProductBytes + 8L * Columns * Count * (3L + Rows),
        CorrelationKind.NibbleComparisonMask => 8L * Count + 8L * MonomialShape.Four.Products.Length * NibblePlaneWords(Count),
        CorrelationKind.MonomialMasks => 8L * Count * MonomialShape.FromId(Parameter).Products.Length,
        CorrelationKind.PairComparisonMask => 8L * Count + 8L * ((Count + 1L) / 2),
        CorrelationKind.PowerTuple128 => 48L * Count,
        CorrelationKind.BitValueTriple => 16L * Count,
        CorrelationKind.DaBitMaskProducts => Columns is >= 1 and <= MaxProductColumns
            ? 8L * Count * (1L + Columns)
            : throw new ArgumentOutOfRangeException(nameof(Columns), Columns, $"daBit mask products have 1 to {MaxProductColumns} columns."),
        CorrelationKind.TruncationBorrowMask => 40L * Count + 8L * MonomialShape.Four.Products.Length * NibblePlaneWords(Count),
        CorrelationKind.NarrowComparisonMask => Parameter is >= Protocols.NarrowComparison.MinBits and <= Protocols.NarrowComparison.MaxBits
            ? 8L * NarrowPlaneCount(Parameter) * ((Count + 63L) >> 6)
            : throw new ArgumentOutOfRangeException(nameof(Parameter), Parameter,
                $"A narrow comparison mask has {Protocols.NarrowComparison.MinBits} to {Protocols.NarrowComparison.MaxBits} bits."),
        CorrelationKind.LiftMask => Parameter is >= Protocols.RingLift.MinBits and <= Protocols.RingLift.MaxBits
            ? 16L * Count
            : throw new ArgumentOutOfRangeException(nameof(Parameter), Parameter, $"A lift mask has {Protocols.RingLift.MinBits} to {Protocols.RingLift.MaxBits} bits."),
        CorrelationKind.OneHotMask => Parameter is >= 1 and <= MaxOneHotBits
            ? (16L << Parameter) * Count
            : throw new ArgumentOutOfRangeException(nameof(Parameter), Parameter, $"A one-hot mask has 1 to {MaxOneHotBits} bits."),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown correlation kind."),
    };

    /// <summary>A left matrix triple's product corrections: 8 bytes per element, or packed at <see cref="Width"/> bits.</summary>
    public long ProductBytes => Width switch
    {
        0 => 8L * Rows * Count,
        >= 2 and <= 63 => 8L * (((long)Rows * Count * Width + 63) >> 6),
        _ => throw new ArgumentOutOfRangeException(nameof(Width), Width, "A product width is 2 to 63 bits (0: the whole ring)."),
    };

    /// <summary>The most mask columns of a <see cref="CorrelationKind.DaBitMaskProducts"/> request (data columns).</summary>
    public const int MaxProductColumns = 1 << 16;

    /// <summary>The widest <see cref="CorrelationKind.OneHotMask"/>: vectors of 2^16 entries.</summary>
    public const int MaxOneHotBits = 16;

    /// <summary>The narrowest ring of <see cref="ICorrelationSource.NarrowDaBits"/> (a <see cref="CorrelationKind.DaBit32"/> with a width).</summary>
    public const int MinNarrowDaBitWidth = 2;

    /// <summary>The widest ring of <see cref="ICorrelationSource.NarrowDaBits"/>; at 32 bits the whole-width daBits apply.</summary>
    public const int MaxNarrowDaBitWidth = 31;

    /// <summary>Planes of a <see cref="CorrelationKind.NarrowComparisonMask"/> of <paramref name="bits"/> bits: the bits, then one per pair of positions below the top.</summary>
    public static int NarrowPlaneCount(int bits) => bits + (bits - 1) / 2;

    /// <summary>Words of one bit-sliced plane of a <see cref="CorrelationKind.NibbleComparisonMask"/>: 16 bits per element.</summary>
    public static int NibblePlaneWords(int count) => (int)((16L * count + 63) >> 6);
}
