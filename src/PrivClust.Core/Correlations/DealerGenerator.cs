using System.Numerics;
using System.Runtime.InteropServices;
using PrivClust.Core.Arithmetic;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Correlations;

/// <summary>
/// The dealer's side of one session: from the two seeds it gave the parties, it replays both parties'
/// <see cref="SeededCorrelationSource"/> streams and computes party 1's corrections, request by request, in
/// the order party 1 asks for them. It never sees a share of data, an opening or a result.
/// </summary>
public sealed partial class DealerGenerator
{
    private readonly SeededCorrelationSource _party0;
    private readonly SeededCorrelationSource _party1;
    private readonly Dictionary<int, ulong[]> _masks = [];

    public DealerGenerator(ReadOnlySpan<byte> seed0, ReadOnlySpan<byte> seed1)
    {
        _party0 = new SeededCorrelationSource(0, seed0, null);
        _party1 = new SeededCorrelationSource(1, seed1, NullFeed.Instance);
    }

    /// <summary>A generator resumed at <paramref name="state"/>: the same seeds continue exactly where it stood.</summary>
    public DealerGenerator(ReadOnlySpan<byte> seed0, ReadOnlySpan<byte> seed1, DealerGeneratorState state)
        : this(seed0, seed1)
    {
        _party0.Restore(state.Party0);
        _party1.Restore(state.Party1);
        foreach ((int id, int rows, int columns) in state.Party0.Masks)
        {
            ulong[] u0 = new ulong[rows * columns], u1 = new ulong[rows * columns];
            _party0.RederiveMask(id, u0);
            _party1.RederiveMask(id, u1);
            Ring.Add<ulong>(u0, u1, u0);
            _masks[id] = u0;
        }
        BytesGenerated = state.BytesGenerated;
    }

    /// <summary>Where this generator stands (taken at a party's checkpoint mark).</summary>
    public DealerGeneratorState Snapshot() => new(_party0.Position, _party1.Position, BytesGenerated);

    /// <summary>Corrections served so far, in bytes.</summary>
    public long BytesGenerated { get; private set; }

    /// <summary>Writes party 1's corrections for <paramref name="request"/> into <paramref name="corrections"/>.</summary>
    public void Generate(in CorrelationRequest request, Span<byte> corrections)
    {
        if (corrections.Length != request.CorrectionBytes)
        {
            throw new ArgumentException($"{request.Kind}: expected {request.CorrectionBytes} bytes of corrections, got a buffer of {corrections.Length}.");
        }
        int n = request.Count;
        switch (request.Kind)
        {
            case CorrelationKind.BeaverTriple64: Triples<ulong>(n, corrections); break;
            case CorrelationKind.BeaverTriple128: Triples<UInt128>(n, corrections); break;
            case CorrelationKind.SquarePair: Squares(n, corrections); break;
            case CorrelationKind.AndTriple: Ands(n, request.Parameter, corrections); break;
            case CorrelationKind.ComparisonMask: ComparisonMasks(n, corrections); break;
            case CorrelationKind.NibbleComparisonMask: NibbleComparisonMasks(n, corrections); break;
            case CorrelationKind.PairComparisonMask: PairComparisonMasks(n, corrections); break;
            case CorrelationKind.NarrowComparisonMask: NarrowComparisonMasks(n, request.Parameter, corrections); break;
            case CorrelationKind.PowerTuple128: PowerTuples(n, corrections); break;
            case CorrelationKind.MonomialMasks: MonomialMasks(MonomialShape.FromId(request.Parameter), n, corrections); break;
            case CorrelationKind.TruncationMask64: Truncations<ulong>(n, request.Parameter, corrections); break;
            case CorrelationKind.TruncationMask128: Truncations<UInt128>(n, request.Parameter, corrections); break;
            case CorrelationKind.ExtensionMask: Extensions(n, corrections); break;
            case CorrelationKind.LiftMask: Lifts(n, request.Parameter, corrections); break;
            case CorrelationKind.DaBit32 when request.Parameter == 0: DaBits<uint>(n, corrections); break;
            case CorrelationKind.DaBit32: NarrowDaBits(n, request.Parameter, corrections); break;
            case CorrelationKind.DaBit64: DaBits<ulong>(n, corrections); break;
            case CorrelationKind.DaBit128: DaBits<UInt128>(n, corrections); break;
            case CorrelationKind.MatrixMask: MatrixMask(request.Parameter, request.Rows, request.Columns); break;
            case CorrelationKind.LeftMatrixTriple: LeftMatrixTriple(request, corrections); break;
            case CorrelationKind.LeftMatrixTripleWithSquares: LeftMatrixTriple(request, corrections); break;
            case CorrelationKind.LeftMatrixTripleWithBorrows: LeftMatrixTripleWithBorrows(request, corrections); break;
            case CorrelationKind.RightMatrixTriple: RightMatrixTriple(request, corrections); break;
            case CorrelationKind.BitValueTriple: BitValueTriples(n, corrections); break;
            case CorrelationKind.DaBitMaskProducts: DaBitMaskProducts(request, corrections); break;
            case CorrelationKind.OneHotMask: OneHotMasks(n, request.Parameter, corrections); break;
            case CorrelationKind.TruncationBorrowMask: TruncationBorrowMasks(n, corrections); break;
            default: throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Unknown correlation kind.");
        }
        BytesGenerated += corrections.Length;
    }

    private void Triples<T>(int n, Span<byte> corrections) where T : unmanaged, IBinaryInteger<T>
    {
        using var scratch = new PooledBuffer<T>(5 * n);
        Span<T> s = scratch.Span;
        Span<T> a0 = s[..n], b0 = s.Slice(n, n), c0 = s.Slice(2 * n, n), a1 = s.Slice(3 * n, n), b1 = s.Slice(4 * n, n);
        _party0.BeaverTriples<T>(a0, b0, c0);
        _party1.BeaverTriples<T>(a1, b1, MemoryMarshal.Cast<byte, T>(corrections));
        Span<T> c1 = MemoryMarshal.Cast<byte, T>(corrections);
        for (int i = 0; i < n; i++)
        {
            c1[i] = (a0[i] + a1[i]) * (b0[i] + b1[i]) - c0[i];
        }
    }

    private void Squares(int n, Span<byte> corrections)
    {
        ulong[] a0 = new ulong[n], c0 = new ulong[n], a1 = new ulong[n];
        Span<ulong> c1 = MemoryMarshal.Cast<byte, ulong>(corrections);
        _party0.SquarePairs(a0, c0);
        _party1.SquarePairs(a1, c1);
        for (int i = 0; i < n; i++)
        {
            ulong a = a0[i] + a1[i];
            c1[i] = a * a - c0[i];
        }
    }

    private void Truncations<T>(int n, int shift, Span<byte> corrections) where T : unmanaged, IBinaryInteger<T>
    {
        T[] r0 = new T[n], h0 = new T[n], t0 = new T[n], r1 = new T[n];
        Span<T> all = MemoryMarshal.Cast<byte, T>(corrections);
        Span<T> h1 = all[..n], t1 = all[n..];
        _party0.TruncationMasks<T>(shift, r0, h0, t0);
        _party1.TruncationMasks(shift, r1, h1, t1);
        int top = System.Runtime.CompilerServices.Unsafe.SizeOf<T>() * 8 - 1;
        for (int i = 0; i < n; i++)
        {
            T r = r0[i] + r1[i];
            h1[i] = (r >>> shift) - h0[i];
            t1[i] = (r >>> top) - t0[i];
        }
    }

    private void Lifts(int n, int bits, Span<byte> corrections)
    {
        ulong[] r0 = new ulong[n], h0 = new ulong[n], t0 = new ulong[n], r1 = new ulong[n];
        Span<ulong> all = MemoryMarshal.Cast<byte, ulong>(corrections);
        Span<ulong> h1 = all[..n], t1 = all[n..];
        _party0.LiftMasks(bits, r0, h0, t0);
        _party1.LiftMasks(bits, r1, h1, t1);
        for (int i = 0; i < n; i++)
        {
            ulong r = r0[i] + r1[i];
            h1[i] = (r >> bits) - h0[i];
            t1[i] = ((r >> (bits - 1)) & 1) - t0[i];
        }
    }

    private void Extensions(int n, Span<byte> corrections)
    {
        ulong[] r0 = new ulong[n], r1 = new ulong[n];
        UInt128[] w0 = new UInt128[n], t0 = new UInt128[n];
        Span<UInt128> all = MemoryMarshal.Cast<byte, UInt128>(corrections);
        Span<UInt128> w1 = all[..n], t1 = all[n..];
        _party0.ExtensionMasks(r0, w0, t0);
        _party1.ExtensionMasks(r1, w1, t1);
        for (int i = 0; i < n; i++)
        {
            ulong r = r0[i] + r1[i];
            w1[i] = (UInt128)r - w0[i];
            t1[i] = (UInt128)(r >> 63) - t0[i];
        }
    }

    private void MatrixMask(int maskId, int rows, int columns)
    {
        ulong[] u0 = new ulong[rows * columns], u1 = new ulong[rows * columns];
        _party0.MatrixMask(maskId, rows, columns, u0);
        _party1.MatrixMask(maskId, rows, columns, u1);
        Ring.Add<ulong>(u0, u1, u0);
        _masks[maskId] = u0;
    }

    private void LeftMatrixTriple(in CorrelationRequest request, Span<byte> corrections)
    {
        (int rows, int columns, int k) = (request.Rows, request.Columns, request.Count);
        ulong[] u = Mask(request.Parameter);
        bool squares = request.Kind == CorrelationKind.LeftMatrixTripleWithSquares;
        ulong[] b0 = new ulong[columns * k], b1 = new ulong[columns * k], s0 = new ulong[squares ? columns * k : 0];
        int width = request.Width, productWords = (int)(request.ProductBytes / 8);
        using var c0Buffer = new PooledBuffer<ulong>(rows * k);
        using var packedBuffer = new PooledBuffer<ulong>(width == 0 ? 0 : rows * k);
        Span<ulong> c0 = c0Buffer.Span;
        Span<ulong> all = MemoryMarshal.Cast<byte, ulong>(corrections);
        // With a width the product's correction is computed whole, then packed at the width into the answer.
        Span<ulong> c1 = width == 0 ? all[..(rows * k)] : packedBuffer.Span, s1 = all[productWords..];
        _party0.LeftMatrixTriple(request.Parameter, k, b0, c0, s0, width);
        _party1.LeftMatrixTriple(request.Parameter, k, b1, c1, s1, width);
        Ring.Add<ulong>(b0, b1, b0);
        MatrixOps.Multiply(u, b0, c1, rows, columns, k);
        Ring.Subtract<ulong>(c1, c0, c1);
        if (width != 0)
        {
            BitPlanes.PackFields(c1, width, all[..productWords]);
        }
        for (int i = 0; i < s0.Length; i++)
        {
            s1[i] = b0[i] * b0[i] - s0[i];
        }
    }

    private void LeftMatrixTripleWithBorrows(in CorrelationRequest request, Span<byte> corrections)
    {
        (int rows, int columns, int k) = (request.Rows, request.Columns, request.Count);
        ulong[] u = Mask(request.Parameter);
        int cells = columns * k;
        ulong[] b0 = new ulong[cells], b1 = new ulong[cells], s0 = new ulong[cells], r0 = new ulong[cells], q0 = new ulong[cells];
        ulong[] bits0 = new ulong[PackedBits.Words(cells)], bits1 = new ulong[bits0.Length];
        using var c0Buffer = new PooledBuffer<ulong>(rows * k);
        using var p0Buffer = new PooledBuffer<ulong>(rows * cells);
        Span<ulong> c0 = c0Buffer.Span, p0 = p0Buffer.Span, all = MemoryMarshal.Cast<byte, ulong>(corrections);
        Span<ulong> c1 = all[..(rows * k)], s1 = all.Slice(rows * k, cells), r1 = all.Slice(rows * k + cells, cells);
        Span<ulong> p1 = all.Slice(rows * k + 2 * cells, rows * cells), q1 = all[(rows * k + 2 * cells + rows * cells)..];
        _party0.LeftMatrixTripleWithBorrows(request.Parameter, k, b0, c0, s0, bits0, r0, p0, q0);
        _party1.LeftMatrixTripleWithBorrows(request.Parameter, k, b1, c1, s1, bits1, r1, p1, q1);
        Ring.Add<ulong>(b0, b1, b0);
        MatrixOps.Multiply(u, b0, c1, rows, columns, k);
        Ring.Subtract<ulong>(c1, c0, c1);
        ulong[] bit = new ulong[cells];
        for (int t = 0; t < cells; t++)
        {
            bit[t] = ((bits0[t >> 6] ^ bits1[t >> 6]) >> (t & 63)) & 1;
            s1[t] = b0[t] * b0[t] - s0[t];
            r1[t] = bit[t] - r0[t];
            q1[t] = bit[t] * b0[t] - q0[t];
        }
        for (int i = 0; i < rows; i++)
        {
            for (int l = 0; l < columns; l++)
            {
                ulong mask = u[i * columns + l];
                int at = (i * columns + l) * k;
                for (int j = 0; j < k; j++)
                {
                    p1[at + j] = bit[l * k + j] * mask - p0[at + j];
                }
            }
        }
    }

    private void RightMatrixTriple(in CorrelationRequest request, Span<byte> corrections)
    {
        (int rows, int columns, int k) = (request.Rows, request.Columns, request.Count);
        ulong[] u = Mask(request.Parameter);
        ulong[] w0 = new ulong[k * columns];
        using var scratch = new PooledBuffer<ulong>(2 * k * rows);
        Span<ulong> v0 = scratch.Span[..(k * rows)], v1 = scratch.Span[(k * rows)..];
        Span<ulong> w1 = MemoryMarshal.Cast<byte, ulong>(corrections);
        _party0.RightMatrixTriple(request.Parameter, k, v0, w0);
        _party1.RightMatrixTriple(request.Parameter, k, v1, w1);
        Ring.Add<ulong>(v0, v1, v0);
        MatrixOps.Multiply(v0, u, w1, k, rows, columns);
        Ring.Subtract<ulong>(w1, w0, w1);
    }

    private ulong[] Mask(int maskId) =>
        _masks.TryGetValue(maskId, out ulong[]? u) ? u : throw new InvalidOperationException($"Matrix mask {maskId} was never made in this session.");

    /// <summary>Leaves corrections at zero: the dealer's replay of party 1 only needs its random parts.</summary>
    private sealed class NullFeed : ICorrectionFeed
    {
        public static readonly NullFeed Instance = new();

        public void Read(in CorrelationRequest request, Span<byte> corrections) => corrections.Clear();
    }
}
