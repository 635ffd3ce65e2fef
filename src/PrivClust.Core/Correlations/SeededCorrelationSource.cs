using System.Numerics;
using System.Runtime.InteropServices;
using PrivClust.Core.Random;

namespace PrivClust.Core.Correlations;

/// <summary>
/// The seed-compressed correlation source of DESIGN §3. Party 0 derives every share it holds from its seed;
/// party 1 derives the random parts of its shares from its seed and reads the rest (the corrections) from
/// the dealer's <see cref="ICorrectionFeed"/>. Each kind has its own PRG stream, so a (kind, position) pair
/// names each correlation. The dealer runs this same class for both parties to know what to correct.
/// </summary>
public sealed class SeededCorrelationSource : ICorrelationSource
{
    private readonly byte[] _seed;
    private readonly ICorrectionFeed? _feed;
    private readonly Dictionary<string, AesCtrPrg> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (int Rows, int Columns)> _masks = [];

    /// <param name="partyIndex">0 or 1.</param>
    /// <param name="seed">The seed the dealer gave this party (16 bytes or more).</param>
    /// <param name="feed">The dealer's corrections; required for party 1, unused by party 0.</param>
    public SeededCorrelationSource(int partyIndex, ReadOnlySpan<byte> seed, ICorrectionFeed? feed)
    {
        if (partyIndex is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(partyIndex), partyIndex, "A party index is 0 or 1.");
        }
        if (partyIndex == 1 && feed is null)
        {
            throw new ArgumentNullException(nameof(feed), "Party 1 needs the dealer's correction feed.");
        }
        PartyIndex = partyIndex;
        _seed = seed.ToArray();
        _feed = feed;
    }

    public int PartyIndex { get; }

    public long CorrectionBytesReceived { get; private set; }

    public List<CorrelationRequest>? Recording { get; set; }

    public void Prefetch(IReadOnlyList<CorrelationRequest> upcoming) => _feed?.Prefetch(upcoming);

    public void PrefetchAfterBoundary(IReadOnlyList<CorrelationRequest> upcoming) => _feed?.PrefetchAfterBoundary(upcoming);

    public bool WantsPlans => _feed?.WantsPlans ?? false;

    public void BeaverTriples<T>(Span<T> a, Span<T> b, Span<T> c) where T : unmanaged, IBinaryInteger<T>
    {
        var request = new CorrelationRequest(typeof(T) == typeof(ulong) ? CorrelationKind.BeaverTriple64 : CorrelationKind.BeaverTriple128, a.Length);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(a);
        prg.Fill(b);
        Complete(prg, request, c);
    }

    public void SquarePairs(Span<ulong> a, Span<ulong> c)
    {
        var request = new CorrelationRequest(CorrelationKind.SquarePair, a.Length);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(a);
        Complete(prg, request, c);
    }

    public void AndTriples(Span<ulong> a, Span<ulong> b1, Span<ulong> c1, Span<ulong> b2, Span<ulong> c2)
    {
        int fanout = b2.IsEmpty ? 1 : 2;
        var request = new CorrelationRequest(CorrelationKind.AndTriple, a.Length, fanout);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(a);
        prg.Fill(b1);
        prg.Fill(b2);
        Complete(prg, request, c1, c2);
    }

    public void ComparisonMasks(Span<ulong> r, Span<ulong> rBits)
    {
        var request = new CorrelationRequest(CorrelationKind.ComparisonMask, r.Length);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(r);
        Complete(prg, request, rBits);
    }

    public void NibbleComparisonMasks(Span<ulong> r, Span<ulong> rBits, Span<ulong> products)
    {
        CheckLength(products.Length, MonomialShape.Four.Products.Length * CorrelationRequest.NibblePlaneWords(r.Length));
        var request = new CorrelationRequest(CorrelationKind.NibbleComparisonMask, r.Length);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(r);
        Complete(prg, request, rBits, products);
    }

    public void PairComparisonMasks(Span<ulong> r, Span<ulong> rBits, Span<ulong> products)
    {
        CheckLength(products.Length, (r.Length + 1) / 2);
        var request = new CorrelationRequest(CorrelationKind.PairComparisonMask, r.Length);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(r);
        Complete(prg, request, rBits, products);
    }

    public void NarrowComparisonMasks(int bits, Span<ulong> rho, Span<ulong> rhoPlanes, Span<ulong> pairPlanes)
    {
        var request = new CorrelationRequest(CorrelationKind.NarrowComparisonMask, rho.Length, bits);
        _ = request.CorrectionBytes;   // refuses a width outside the range
        int words = (rho.Length + 63) >> 6;
        CheckLength(rhoPlanes.Length, bits * words);
        CheckLength(pairPlanes.Length, (CorrelationRequest.NarrowPlaneCount(bits) - bits) * words);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(rho);
        ulong low = (1UL << bits) - 1;
        for (int i = 0; i < rho.Length; i++)
        {
            rho[i] &= low;
        }
        Complete(prg, request, rhoPlanes, pairPlanes);
    }

    public void PowerTuples(Span<UInt128> a, Span<UInt128> powers)
    {
        CheckLength(powers.Length, 3 * a.Length);
        var request = new CorrelationRequest(CorrelationKind.PowerTuple128, a.Length);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(a);
        Complete(prg, request, powers);
    }

    public void MonomialMasks(MonomialShape shape, int words, Span<ulong> masks, Span<ulong> products)
    {
        CheckLength(masks.Length, shape.Variables * words);
        CheckLength(products.Length, shape.Products.Length * words);
        var request = new CorrelationRequest(CorrelationKind.MonomialMasks, words, shape.Id);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(masks);
        Complete(prg, request, products);
    }

    public void TruncationMasks<T>(int shift, Span<T> r, Span<T> rHigh, Span<T> rTopBit) where T : unmanaged, IBinaryInteger<T>
    {
        var kind = typeof(T) == typeof(ulong) ? CorrelationKind.TruncationMask64 : CorrelationKind.TruncationMask128;
        var request = new CorrelationRequest(kind, r.Length, shift);
        AesCtrPrg prg = Stream(kind);
        prg.Fill(r);
        Complete(prg, request, rHigh, rTopBit);
    }

    public void LiftMasks(int bits, Span<ulong> r, Span<ulong> rHigh, Span<ulong> rTopBit)
    {
        var request = new CorrelationRequest(CorrelationKind.LiftMask, r.Length, bits);
        _ = request.CorrectionBytes;   // refuses a width outside the range
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(r);
        Complete(prg, request, rHigh, rTopBit);
    }

    public void ExtensionMasks(Span<ulong> r, Span<UInt128> rWide, Span<UInt128> rTopBitWide)
    {
        var request = new CorrelationRequest(CorrelationKind.ExtensionMask, r.Length);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(r);
        Complete(prg, request, rWide, rTopBitWide);
    }

    public void DaBits<T>(Span<ulong> bits, Span<T> arithmetic) where T : unmanaged, IBinaryInteger<T>
    {
        var kind = typeof(T) == typeof(ulong) ? CorrelationKind.DaBit64
            : typeof(T) == typeof(UInt128) ? CorrelationKind.DaBit128
            : typeof(T) == typeof(uint) ? CorrelationKind.DaBit32
            : throw new NotSupportedException($"daBits in {typeof(T).Name}: only Z_2^32, Z_2^64 and Z_2^128");
        var request = new CorrelationRequest(kind, arithmetic.Length);
        AesCtrPrg prg = Stream(kind);
        prg.Fill(bits);
        Complete(prg, request, arithmetic);
    }

    public void NarrowDaBits(int width, Span<ulong> bits, Span<uint> arithmetic)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, CorrelationRequest.MinNarrowDaBitWidth);
        var request = new CorrelationRequest(CorrelationKind.DaBit32, arithmetic.Length, width);
        int words = (int)(request.CorrectionBytes / 8);   // refuses a width outside the range
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(bits);
        if (PartyIndex == 0)
        {
            Complete(prg, request, arithmetic);
            return;
        }
        using var packed = new Protocols.PooledBuffer<ulong>(words);
        using var values = new Protocols.PooledBuffer<ulong>(arithmetic.Length);
        Complete(prg, request, packed.Span);
        Protocols.BitPlanes.UnpackFields(packed.Span, width, values.Span);
        for (int i = 0; i < arithmetic.Length; i++)
        {
            arithmetic[i] = (uint)values.Span[i];
        }
    }

    public void DaBitMaskProducts(int maskId, int perRow, Span<ulong> bits, Span<ulong> arithmetic, Span<ulong> products)
    {
        (int rows, int columns) = MaskShape(maskId);
        CheckLength(arithmetic.Length, rows * perRow);
        CheckLength(bits.Length, (arithmetic.Length + 63) / 64);
        CheckLength(products.Length, arithmetic.Length * columns);
        var request = new CorrelationRequest(CorrelationKind.DaBitMaskProducts, arithmetic.Length, maskId, perRow, columns);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(bits);
        Complete(prg, request, arithmetic, products);
    }

    public void BitValueTriples(Span<ulong> bits, Span<ulong> bitShares, Span<ulong> v, Span<ulong> product)
    {
        var request = new CorrelationRequest(CorrelationKind.BitValueTriple, v.Length);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(bits);
        prg.Fill(v);
        Complete(prg, request, bitShares, product);
    }

    public void TruncationBorrowMasks(Span<UInt128> r, Span<UInt128> rHigh, Span<UInt128> rTopBit, Span<ulong> lowBits, Span<ulong> products)
    {
        int n = r.Length, planes = MonomialShape.Four.Products.Length * CorrelationRequest.NibblePlaneWords(n);
        CheckLength(rHigh.Length, n);
        CheckLength(rTopBit.Length, n);
        CheckLength(lowBits.Length, n);
        CheckLength(products.Length, planes);
        var request = new CorrelationRequest(CorrelationKind.TruncationBorrowMask, n);
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(r);
        // The corrected outputs travel as one block: ⌊r/2^62⌋, the top bit, the low bits, the products.
        using var block = new Protocols.PooledBuffer<ulong>(5 * n + planes);
        Span<ulong> all = block.Span;
        Complete(prg, request, all);
        MemoryMarshal.Cast<ulong, UInt128>(all[..(2 * n)]).CopyTo(rHigh);
        MemoryMarshal.Cast<ulong, UInt128>(all.Slice(2 * n, 2 * n)).CopyTo(rTopBit);
        all.Slice(4 * n, n).CopyTo(lowBits);
        all[(5 * n)..].CopyTo(products);
    }

    public void OneHotMasks(int bits, Span<ulong> r, Span<UInt128> oneHot)
    {
        var request = new CorrelationRequest(CorrelationKind.OneHotMask, r.Length, bits);
        CheckLength(oneHot.Length, checked(r.Length << bits));
        AesCtrPrg prg = Stream(request.Kind);
        prg.Fill(r);
        Complete(prg, request, oneHot);
    }

    public void MatrixMask(int maskId, int rows, int columns, Span<ulong> u)
    {
        if (!_masks.TryAdd(maskId, (rows, columns)))
        {
            throw new InvalidOperationException($"Matrix mask {maskId} exists already: a mask is made once per job.");
        }
        var request = new CorrelationRequest(CorrelationKind.MatrixMask, 1, maskId, rows, columns);
        Stream(MaskPurpose(maskId)).Fill(u);
        Recording?.Add(request);
        if (PartyIndex == 1)
        {
            _feed!.Read(request, []);
        }
    }

    public void LeftMatrixTriple(int maskId, int k, Span<ulong> b, Span<ulong> c, Span<ulong> bSquares = default, int width = 0)
    {
        (int rows, int columns) = MaskShape(maskId);
        CheckLength(b.Length, columns * k);
        CheckLength(c.Length, rows * k);
        bool squares = !bSquares.IsEmpty;
        if (squares)
        {
            CheckLength(bSquares.Length, columns * k);
        }
        var kind = squares ? CorrelationKind.LeftMatrixTripleWithSquares : CorrelationKind.LeftMatrixTriple;
        var request = new CorrelationRequest(kind, k, maskId, rows, columns, width);
        long productBytes = request.ProductBytes;   // refuses a width outside the range
        AesCtrPrg prg = Stream($"matrix-triple/{maskId}");
        prg.Fill(b);
        if (width == 0 || PartyIndex == 0)
        {
            // Party 0's share of the product is whole either way; only its low bits matter with a width.
            Complete(prg, request, c, bSquares);
            return;
        }
        using var packed = new Protocols.PooledBuffer<ulong>((int)(productBytes / 8));
        Complete(prg, request, packed.Span, bSquares);
        Protocols.BitPlanes.UnpackFields(packed.Span, width, c);
    }

    public void LeftMatrixTripleWithBorrows(int maskId, int k, Span<ulong> b, Span<ulong> c, Span<ulong> bSquares, Span<ulong> rBits, Span<ulong> r,
        Span<ulong> maskProducts, Span<ulong> bProducts)
    {
        (int rows, int columns) = MaskShape(maskId);
        int cells = columns * k;
        CheckLength(b.Length, cells);
        CheckLength(c.Length, rows * k);
        CheckLength(bSquares.Length, cells);
        CheckLength(rBits.Length, Protocols.PackedBits.Words(cells));
        CheckLength(r.Length, cells);
        CheckLength(maskProducts.Length, rows * cells);
        CheckLength(bProducts.Length, cells);
        var request = new CorrelationRequest(CorrelationKind.LeftMatrixTripleWithBorrows, k, maskId, rows, columns);
        AesCtrPrg prg = Stream($"matrix-triple/{maskId}");
        prg.Fill(b);
        prg.Fill(rBits);
        // The corrected outputs travel as one block: C, B∘B, r, the mask products, B∘r.
        using var block = new Protocols.PooledBuffer<ulong>((int)(request.CorrectionBytes / 8));
        Span<ulong> all = block.Span;
        Complete(prg, request, all);
        all[..c.Length].CopyTo(c);
        all = all[c.Length..];
        all[..cells].CopyTo(bSquares);
        all.Slice(cells, cells).CopyTo(r);
        all.Slice(2 * cells, maskProducts.Length).CopyTo(maskProducts);
        all[(2 * cells + maskProducts.Length)..].CopyTo(bProducts);
    }

    public void RightMatrixTriple(int maskId, int k, Span<ulong> v, Span<ulong> w)
    {
        (int rows, int columns) = MaskShape(maskId);
        CheckLength(v.Length, k * rows);
        CheckLength(w.Length, k * columns);
        var request = new CorrelationRequest(CorrelationKind.RightMatrixTriple, k, maskId, rows, columns);
        AesCtrPrg prg = Stream($"matrix-triple/{maskId}");
        prg.Fill(v);
        Complete(prg, request, w);
    }

    /// <summary>The position of every stream and the masks made so far (to checkpoint this source).</summary>
    public CorrelationPosition Position =>
        new(_streams.ToDictionary(s => s.Key, s => s.Value.BlocksUsed, StringComparer.Ordinal),
            _masks.OrderBy(m => m.Key).Select(m => (m.Key, m.Value.Rows, m.Value.Columns)).ToArray());

    /// <summary>Moves this (fresh) source to a checkpointed position: the same seed then continues exactly where it was.</summary>
    public void Restore(CorrelationPosition position)
    {
        if (_streams.Count > 0 || _masks.Count > 0)
        {
            throw new InvalidOperationException("Only a fresh correlation source can be moved to a checkpointed position.");
        }
        foreach ((string purpose, UInt128 blocks) in position.Streams)
        {
            Stream(purpose).Seek(blocks);
        }
        foreach ((int id, int rows, int columns) in position.Masks)
        {
            _masks[id] = (rows, columns);
        }
    }

    /// <summary>This party's share of matrix mask <paramref name="maskId"/> again, from a fresh stream (the dealer's resume).</summary>
    internal void RederiveMask(int maskId, Span<ulong> u) =>
        AesCtrPrg.Derive(_seed, "privclust/v1/correlation/" + MaskPurpose(maskId)).Fill(u);

    private static string MaskPurpose(int maskId) => $"matrix-mask/{maskId}";

    private (int Rows, int Columns) MaskShape(int maskId) =>
        _masks.TryGetValue(maskId, out var shape) ? shape : throw new InvalidOperationException($"Matrix mask {maskId} was never made.");

    private static void CheckLength(int actual, int expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Expected {expected} elements, got {actual}.");
        }
    }

    /// <summary>Party 0: fills the corrected outputs from its PRG. Party 1: reads them from the dealer, in order.</summary>
    private void Complete<T>(AesCtrPrg prg, in CorrelationRequest request, Span<T> first) where T : unmanaged =>
        Complete(prg, request, first, Span<T>.Empty);

    private void Complete<T>(AesCtrPrg prg, in CorrelationRequest request, Span<T> first, Span<T> second) where T : unmanaged
    {
        Recording?.Add(request);
        if (PartyIndex == 0)
        {
            prg.Fill(first);
            prg.Fill(second);
            return;
        }
        int firstBytes = first.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        int secondBytes = second.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (second.IsEmpty)
        {
            _feed!.Read(request, MemoryMarshal.AsBytes(first));
        }
        else
        {
            using var buffer = new Protocols.PooledBuffer<byte>(firstBytes + secondBytes);
            _feed!.Read(request, buffer.Span);
            buffer.Span[..firstBytes].CopyTo(MemoryMarshal.AsBytes(first));
            buffer.Span[firstBytes..].CopyTo(MemoryMarshal.AsBytes(second));
        }
        CorrectionBytesReceived += firstBytes + secondBytes;
    }

    private AesCtrPrg Stream(CorrelationKind kind) => Stream(kind.ToString());

    private AesCtrPrg Stream(string purpose)
    {
        if (!_streams.TryGetValue(purpose, out AesCtrPrg? prg))
        {
            prg = AesCtrPrg.Derive(_seed, "privclust/v1/correlation/" + purpose);
            _streams[purpose] = prg;
        }
        return prg;
    }
}
