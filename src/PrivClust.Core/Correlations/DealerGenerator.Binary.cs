using System.Numerics;
using System.Runtime.InteropServices;
using PrivClust.Core.Arithmetic;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Correlations;

/// <summary>The dealer's generators for the comparison and bit protocols: AND triples, comparison masks and their bit products, power tuples, daBits, bit-value triples, one-hot masks.</summary>
public sealed partial class DealerGenerator
{
    private void Ands(int n, int fanout, Span<byte> corrections)
    {
        int m = fanout == 2 ? n : 0;
        using var scratch = new PooledBuffer<ulong>(5 * n + 3 * m);
        Span<ulong> s = scratch.Span;
        Span<ulong> a0 = s[..n], a1 = s.Slice(n, n), b10 = s.Slice(2 * n, n), c10 = s.Slice(3 * n, n), b11 = s.Slice(4 * n, n);
        Span<ulong> b20 = s.Slice(5 * n, m), c20 = s.Slice(5 * n + m, m), b21 = s.Slice(5 * n + 2 * m, m);
        Span<ulong> all = MemoryMarshal.Cast<byte, ulong>(corrections);
        Span<ulong> c11 = all[..n], c21 = all[n..];
        _party0.AndTriples(a0, b10, c10, b20, c20);
        _party1.AndTriples(a1, b11, c11, b21, c21);
        for (int i = 0; i < n; i++)
        {
            ulong a = a0[i] ^ a1[i];
            c11[i] = (a & (b10[i] ^ b11[i])) ^ c10[i];
            if (fanout == 2)
            {
                c21[i] = (a & (b20[i] ^ b21[i])) ^ c20[i];
            }
        }
    }

    private void ComparisonMasks(int n, Span<byte> corrections)
    {
        using var scratch = new PooledBuffer<ulong>(3 * n);
        Span<ulong> s = scratch.Span;
        Span<ulong> r0 = s[..n], rb0 = s.Slice(n, n), r1 = s.Slice(2 * n, n);
        Span<ulong> rb1 = MemoryMarshal.Cast<byte, ulong>(corrections);
        _party0.ComparisonMasks(r0, rb0);
        _party1.ComparisonMasks(r1, rb1);
        for (int i = 0; i < n; i++)
        {
            rb1[i] = (r0[i] + r1[i]) ^ rb0[i];
        }
    }

    private void NibbleComparisonMasks(int n, Span<byte> corrections)
    {
        MonomialShape shape = MonomialShape.Four;
        int words = CorrelationRequest.NibblePlaneWords(n);
        using var scratch = new PooledBuffer<ulong>(3 * n + (shape.Variables + shape.Products.Length) * words);
        Span<ulong> s = scratch.Span;
        Span<ulong> r0 = s[..n], rb0 = s.Slice(n, n), r1 = s.Slice(2 * n, n);
        Span<ulong> planes = s.Slice(3 * n, shape.Variables * words), products0 = s.Slice(3 * n + planes.Length, shape.Products.Length * words);
        Span<ulong> all = MemoryMarshal.Cast<byte, ulong>(corrections);
        Span<ulong> rb1 = all[..n], products1 = all[n..];
        _party0.NibbleComparisonMasks(r0, rb0, products0);
        _party1.NibbleComparisonMasks(r1, rb1, products1);
        RevealMask(r0, r1, rb0, rb1);
        for (int position = 0; position < shape.Variables; position++)
        {
            PackedBits.GatherNibblePosition(r0, position, planes.Slice(position * words, words));
        }
        products0.CopyTo(products1);
        shape.Multiply(planes, words, products1);
    }

    private void PairComparisonMasks(int n, Span<byte> corrections)
    {
        int words = (n + 1) / 2;
        using var scratch = new PooledBuffer<ulong>(3 * n + words);
        Span<ulong> s = scratch.Span;
        Span<ulong> r0 = s[..n], rb0 = s.Slice(n, n), r1 = s.Slice(2 * n, n), products0 = s.Slice(3 * n, words);
        Span<ulong> all = MemoryMarshal.Cast<byte, ulong>(corrections);
        Span<ulong> rb1 = all[..n], products1 = all[n..];
        _party0.PairComparisonMasks(r0, rb0, products0);
        _party1.PairComparisonMasks(r1, rb1, products1);
        RevealMask(r0, r1, rb0, rb1);
        for (int w = 0; w < words; w++)
        {
            products1[w] = products0[w] ^ PackedBits.PairProducts(r0, w);
        }
    }

    private void NarrowComparisonMasks(int n, int bits, Span<byte> corrections)
    {
        int words = PackedBits.Words(n), planes = CorrelationRequest.NarrowPlaneCount(bits) * words, pairs = (bits - 1) / 2;
        using var scratch = new PooledBuffer<ulong>(2 * n + 2 * planes);
        Span<ulong> s = scratch.Span;
        Span<ulong> rho0 = s[..n], rho1 = s.Slice(n, n), shares0 = s.Slice(2 * n, planes), rhoPlanes = s.Slice(2 * n + planes, bits * words);
        Span<ulong> shares1 = MemoryMarshal.Cast<byte, ulong>(corrections);
        _party0.NarrowComparisonMasks(bits, rho0, shares0[..(bits * words)], shares0[(bits * words)..]);
        _party1.NarrowComparisonMasks(bits, rho1, shares1[..(bits * words)], shares1[(bits * words)..]);
        ulong low = (1UL << bits) - 1;
        for (int i = 0; i < n; i++)
        {
            rho0[i] = (rho0[i] + rho1[i]) & low;
        }
        BitPlanes.Transpose(rho0, bits, rhoPlanes);
        for (int i = 0; i < bits * words; i++)
        {
            shares1[i] = rhoPlanes[i] ^ shares0[i];
        }
        for (int j = 0; j < pairs; j++)
        {
            int product = (bits + j) * words, hi = (2 * j + 1) * words, lo = 2 * j * words;
            for (int w = 0; w < words; w++)
            {
                shares1[product + w] = (rhoPlanes[hi + w] & rhoPlanes[lo + w]) ^ shares0[product + w];
            }
        }
    }

    private void PowerTuples(int n, Span<byte> corrections)
    {
        UInt128[] a0 = new UInt128[n], a1 = new UInt128[n], powers0 = new UInt128[3 * n];
        Span<UInt128> powers1 = MemoryMarshal.Cast<byte, UInt128>(corrections);
        _party0.PowerTuples(a0, powers0);
        _party1.PowerTuples(a1, powers1);
        for (int i = 0; i < n; i++)
        {
            UInt128 a = a0[i] + a1[i], power = a;
            for (int k = 0; k < 3; k++)
            {
                power *= a;
                powers1[k * n + i] = power - powers0[k * n + i];
            }
        }
    }

    /// <summary>r0 becomes r = r0 + r1, and party 1's binary share rb1 = r ⊕ rb0.</summary>
    private static void RevealMask(Span<ulong> r0, ReadOnlySpan<ulong> r1, ReadOnlySpan<ulong> rb0, Span<ulong> rb1)
    {
        for (int i = 0; i < r0.Length; i++)
        {
            r0[i] += r1[i];
            rb1[i] = r0[i] ^ rb0[i];
        }
    }

    private void MonomialMasks(MonomialShape shape, int words, Span<byte> corrections)
    {
        int masks = shape.Variables * words;
        using var scratch = new PooledBuffer<ulong>(2 * masks + shape.Products.Length * words);
        Span<ulong> s = scratch.Span;
        Span<ulong> a0 = s[..masks], a1 = s.Slice(masks, masks), products0 = s[(2 * masks)..];
        Span<ulong> products1 = MemoryMarshal.Cast<byte, ulong>(corrections);
        _party0.MonomialMasks(shape, words, a0, products0);
        _party1.MonomialMasks(shape, words, a1, products1);
        for (int i = 0; i < masks; i++)
        {
            a0[i] ^= a1[i];
        }
        products0.CopyTo(products1);
        shape.Multiply(a0, words, products1);
    }

    private void DaBits<T>(int n, Span<byte> corrections) where T : unmanaged, IBinaryInteger<T>
    {
        int words = (n + 63) / 64;
        using var bits = new PooledBuffer<ulong>(2 * words);
        using var a0Buffer = new PooledBuffer<T>(n);
        Span<ulong> bits0 = bits.Span[..words], bits1 = bits.Span[words..];
        Span<T> a0 = a0Buffer.Span;
        Span<T> a1 = MemoryMarshal.Cast<byte, T>(corrections);
        _party0.DaBits<T>(bits0, a0);
        _party1.DaBits(bits1, a1);
        BitMinusShare(bits0, bits1, a0, a1);
    }

    /// <summary>Party 1's arithmetic share of each bit r = bits0 ⊕ bits1: a1 = r − a0, a word of bits at a time, branch-free.</summary>
    private static void BitMinusShare<T>(ReadOnlySpan<ulong> bits0, ReadOnlySpan<ulong> bits1, ReadOnlySpan<T> a0, Span<T> a1)
        where T : unmanaged, IBinaryInteger<T>
    {
        int n = a0.Length;
        for (int w = 0, i = 0; i < n; w++)
        {
            ulong x = bits0[w] ^ bits1[w];
            for (int end = Math.Min(n, i + 64); i < end; i++, x >>= 1)
            {
                a1[i] = T.CreateTruncating(x & 1) - a0[i];
            }
        }
    }

    /// <summary>daBits in Z_2^width: party 1's arithmetic shares computed in Z_2^32, then packed at the width.</summary>
    private void NarrowDaBits(int n, int width, Span<byte> corrections)
    {
        int words = PackedBits.Words(n);
        using var bits = new PooledBuffer<ulong>(2 * words);
        using var shares = new PooledBuffer<uint>(2 * n);
        using var wide = new PooledBuffer<ulong>(n);
        Span<ulong> bits0 = bits.Span[..words], bits1 = bits.Span[words..], a1Wide = wide.Span;
        Span<uint> a0 = shares.Span[..n], a1 = shares.Span[n..];
        _party0.NarrowDaBits(width, bits0, a0);
        _party1.NarrowDaBits(width, bits1, a1);
        BitMinusShare<uint>(bits0, bits1, a0, a1);
        for (int i = 0; i < n; i++)
        {
            a1Wide[i] = a1[i];
        }
        BitPlanes.PackFields(a1Wide, width, MemoryMarshal.Cast<byte, ulong>(corrections));
    }

    private void BitValueTriples(int n, Span<byte> corrections)
    {
        int words = PackedBits.Words(n);
        using var scratch = new PooledBuffer<ulong>(2 * words + 4 * n);
        Span<ulong> s = scratch.Span;
        Span<ulong> bits0 = s[..words], bits1 = s.Slice(words, words);
        Span<ulong> a0 = s.Slice(2 * words, n), v0 = s.Slice(2 * words + n, n), c0 = s.Slice(2 * words + 2 * n, n), v1 = s.Slice(2 * words + 3 * n, n);
        Span<ulong> all = MemoryMarshal.Cast<byte, ulong>(corrections);
        Span<ulong> a1 = all[..n], c1 = all[n..];
        _party0.BitValueTriples(bits0, a0, v0, c0);
        _party1.BitValueTriples(bits1, a1, v1, c1);
        for (int w = 0, i = 0; w < words; w++)
        {
            ulong x = bits0[w] ^ bits1[w];
            for (int end = Math.Min(n, i + 64); i < end; i++, x >>= 1)
            {
                ulong bit = x & 1;
                a1[i] = bit - a0[i];
                c1[i] = bit * (v0[i] + v1[i]) - c0[i];
            }
        }
    }

    private void DaBitMaskProducts(in CorrelationRequest request, Span<byte> corrections)
    {
        (int n, int maskId, int perRow, int columns) = (request.Count, request.Parameter, request.Rows, request.Columns);
        ulong[] u = Mask(maskId);
        if (perRow < 1 || (long)n * columns != u.Length * (long)perRow)
        {
            throw new ArgumentException($"{request.Kind}: {n} daBits of {perRow} per row and {columns} columns do not fit matrix mask {maskId}.");
        }
        int words = PackedBits.Words(n);
        ulong[] bits0 = new ulong[words], bits1 = new ulong[words], r0 = new ulong[n];
        using var products0 = new PooledBuffer<ulong>(n * columns);
        Span<ulong> all = MemoryMarshal.Cast<byte, ulong>(corrections);
        Span<ulong> r1 = all[..n], p1 = all[n..], p0 = products0.Span;
        _party0.DaBitMaskProducts(maskId, perRow, bits0, r0, p0);
        _party1.DaBitMaskProducts(maskId, perRow, bits1, r1, p1);
        for (int t = 0; t < n; t++)
        {
            ulong bit = ((bits0[t >> 6] ^ bits1[t >> 6]) >> (t & 63)) & 1;
            r1[t] = bit - r0[t];
            ReadOnlySpan<ulong> row = u.AsSpan(t / perRow * columns, columns);
            for (int l = 0; l < columns; l++)
            {
                p1[t * columns + l] = bit * row[l] - p0[t * columns + l];
            }
        }
    }

    private void OneHotMasks(int n, int bits, Span<byte> corrections)
    {
        int size = 1 << bits;
        ulong[] r0 = new ulong[n], r1 = new ulong[n];
        using var scratch = new PooledBuffer<UInt128>(n * size);
        Span<UInt128> e0 = scratch.Span;
        Span<UInt128> e1 = MemoryMarshal.Cast<byte, UInt128>(corrections);
        _party0.OneHotMasks(bits, r0, e0);
        _party1.OneHotMasks(bits, r1, e1);
        for (int i = 0; i < n; i++)
        {
            int hot = (int)((r0[i] + r1[i]) & (ulong)(size - 1));
            Span<UInt128> row1 = e1.Slice(i * size, size);
            ReadOnlySpan<UInt128> row0 = e0.Slice(i * size, size);
            for (int j = 0; j < size; j++)
            {
                row1[j] = (j == hot ? UInt128.One : UInt128.Zero) - row0[j];
            }
        }
    }

    private void TruncationBorrowMasks(int n, Span<byte> corrections)
    {
        const int shift = Protocols.ExactTruncation.Shift;
        MonomialShape shape = MonomialShape.Four;
        int words = CorrelationRequest.NibblePlaneWords(n);
        UInt128[] r0 = new UInt128[n], r1 = new UInt128[n], h0 = new UInt128[n], t0 = new UInt128[n], h1 = new UInt128[n], t1 = new UInt128[n];
        ulong[] low0 = new ulong[n], low1 = new ulong[n], low = new ulong[n];
        ulong[] planes = new ulong[shape.Variables * words], products0 = new ulong[shape.Products.Length * words];
        Span<ulong> all = MemoryMarshal.Cast<byte, ulong>(corrections);
        Span<ulong> products1 = all[(5 * n)..];
        _party0.TruncationBorrowMasks(r0, h0, t0, low0, products0);
        _party1.TruncationBorrowMasks(r1, h1, t1, low1, products1);
        Span<UInt128> high1 = MemoryMarshal.Cast<ulong, UInt128>(all[..(2 * n)]), top1 = MemoryMarshal.Cast<ulong, UInt128>(all.Slice(2 * n, 2 * n));
        Span<ulong> lowBits1 = all.Slice(4 * n, n);
        for (int i = 0; i < n; i++)
        {
            UInt128 r = r0[i] + r1[i];
            high1[i] = (r >> shift) - h0[i];
            top1[i] = (r >> 127) - t0[i];
            low[i] = (ulong)r & ((1UL << shift) - 1);
            lowBits1[i] = low[i] ^ low0[i];
        }
        for (int position = 0; position < shape.Variables; position++)
        {
            PackedBits.GatherNibblePosition(low, position, planes.AsSpan(position * words, words));
        }
        products0.CopyTo(products1);
        shape.Multiply(planes, words, products1);
    }
}
