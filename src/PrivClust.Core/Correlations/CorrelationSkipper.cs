namespace PrivClust.Core.Correlations;

/// <summary>
/// Draws the correlations of a list of requests and drops them: both parties do it for an announced plan that will not
/// run (a speculative prefetch of an iteration after the last), so that party 0's streams, party 1's streams and the
/// dealer's replay of both stay at the same positions. Party 1 reads the announced answers; nothing is opened.
/// </summary>
public static class CorrelationSkipper
{
    public static void Skip(ICorrelationSource source, IReadOnlyList<CorrelationRequest> plan)
    {
        foreach (CorrelationRequest request in plan)
        {
            Skip(source, request);
        }
    }

    private static void Skip(ICorrelationSource source, in CorrelationRequest request)
    {
        int n = request.Count;
        switch (request.Kind)
        {
            case CorrelationKind.BeaverTriple64: source.BeaverTriples<ulong>(new ulong[n], new ulong[n], new ulong[n]); break;
            case CorrelationKind.BeaverTriple128: source.BeaverTriples<UInt128>(new UInt128[n], new UInt128[n], new UInt128[n]); break;
            case CorrelationKind.SquarePair: source.SquarePairs(new ulong[n], new ulong[n]); break;
            case CorrelationKind.AndTriple:
                int second = request.Parameter == 2 ? n : 0;
                source.AndTriples(new ulong[n], new ulong[n], new ulong[n], new ulong[second], new ulong[second]);
                break;
            case CorrelationKind.ComparisonMask: source.ComparisonMasks(new ulong[n], new ulong[n]); break;
            case CorrelationKind.NibbleComparisonMask:
                source.NibbleComparisonMasks(new ulong[n], new ulong[n],
                    new ulong[MonomialShape.Four.Products.Length * CorrelationRequest.NibblePlaneWords(n)]);
                break;
            case CorrelationKind.PairComparisonMask: source.PairComparisonMasks(new ulong[n], new ulong[n], new ulong[(n + 1) / 2]); break;
            case CorrelationKind.NarrowComparisonMask:
                int planeWords = (n + 63) >> 6, bits = request.Parameter;
                source.NarrowComparisonMasks(bits, new ulong[n], new ulong[bits * planeWords], new ulong[(bits - 1) / 2 * planeWords]);
                break;
            case CorrelationKind.PowerTuple128: source.PowerTuples(new UInt128[n], new UInt128[3 * n]); break;
            case CorrelationKind.MonomialMasks:
                MonomialShape shape = MonomialShape.FromId(request.Parameter);
                source.MonomialMasks(shape, n, new ulong[shape.Variables * n], new ulong[shape.Products.Length * n]);
                break;
            case CorrelationKind.TruncationMask64: source.TruncationMasks<ulong>(request.Parameter, new ulong[n], new ulong[n], new ulong[n]); break;
            case CorrelationKind.TruncationMask128: source.TruncationMasks<UInt128>(request.Parameter, new UInt128[n], new UInt128[n], new UInt128[n]); break;
            case CorrelationKind.LiftMask: source.LiftMasks(request.Parameter, new ulong[n], new ulong[n], new ulong[n]); break;
            case CorrelationKind.ExtensionMask: source.ExtensionMasks(new ulong[n], new UInt128[n], new UInt128[n]); break;
            case CorrelationKind.DaBit32 when request.Parameter == 0: source.DaBits<uint>(new ulong[(n + 63) / 64], new uint[n]); break;
            case CorrelationKind.DaBit32: source.NarrowDaBits(request.Parameter, new ulong[(n + 63) / 64], new uint[n]); break;
            case CorrelationKind.DaBit64: source.DaBits<ulong>(new ulong[(n + 63) / 64], new ulong[n]); break;
            case CorrelationKind.DaBit128: source.DaBits<UInt128>(new ulong[(n + 63) / 64], new UInt128[n]); break;
            case CorrelationKind.TruncationBorrowMask:
                source.TruncationBorrowMasks(new UInt128[n], new UInt128[n], new UInt128[n], new ulong[n],
                    new ulong[MonomialShape.Four.Products.Length * CorrelationRequest.NibblePlaneWords(n)]);
                break;
            case CorrelationKind.OneHotMask: source.OneHotMasks(request.Parameter, new ulong[n], new UInt128[n << request.Parameter]); break;
            case CorrelationKind.DaBitMaskProducts:
                source.DaBitMaskProducts(request.Parameter, request.Rows, new ulong[(n + 63) / 64], new ulong[n], new ulong[n * request.Columns]);
                break;
            case CorrelationKind.BitValueTriple: source.BitValueTriples(new ulong[(n + 63) / 64], new ulong[n], new ulong[n], new ulong[n]); break;
            case CorrelationKind.LeftMatrixTriple:
            case CorrelationKind.LeftMatrixTripleWithSquares:
                int squares = request.Kind == CorrelationKind.LeftMatrixTripleWithSquares ? request.Columns * n : 0;
                source.LeftMatrixTriple(request.Parameter, n, new ulong[request.Columns * n], new ulong[request.Rows * n], new ulong[squares], request.Width);
                break;
            case CorrelationKind.LeftMatrixTripleWithBorrows:
                int cells = request.Columns * n;
                source.LeftMatrixTripleWithBorrows(request.Parameter, n, new ulong[cells], new ulong[request.Rows * n], new ulong[cells],
                    new ulong[(cells + 63) / 64], new ulong[cells], new ulong[request.Rows * cells], new ulong[cells]);
                break;
            case CorrelationKind.RightMatrixTriple:
                source.RightMatrixTriple(request.Parameter, n, new ulong[n * request.Rows], new ulong[n * request.Columns]);
                break;
            default:
                throw new InvalidOperationException($"{request.Kind} cannot be skipped (a plan never holds it).");
        }
    }
}
