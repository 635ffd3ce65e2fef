using PrivClust.Core.Arithmetic;
using PrivClust.Core.Correlations;
using PrivClust.Core.Harness;

namespace PrivClust.Core.Tests.Correlations;

/// <summary>The dealer's seed-compressed correlations reconstruct to the stated relations.</summary>
public class CorrelationTests
{
    private const int N = 1000;

    private static (SeededCorrelationSource P0, SeededCorrelationSource P1, DealerGenerator Dealer) Sources(ulong seed)
    {
        byte[] s0 = TwoPartyHarness.DeriveSeed(seed, "a"), s1 = TwoPartyHarness.DeriveSeed(seed, "b");
        var dealer = new DealerGenerator(s0, s1);
        return (new SeededCorrelationSource(0, s0, null), new SeededCorrelationSource(1, s1, new InProcessDealerFeed(dealer)), dealer);
    }

    /// <summary>Matrix mask <paramref name="id"/> made at both parties; returns U, the sum of their shares.</summary>
    private static ulong[] SharedMask(SeededCorrelationSource p0, SeededCorrelationSource p1, int id, int rows, int columns)
    {
        ulong[] u0 = new ulong[rows * columns], u1 = new ulong[rows * columns];
        p0.MatrixMask(id, rows, columns, u0);
        p1.MatrixMask(id, rows, columns, u1);
        return [.. u0.Zip(u1, (a, b) => a + b)];
    }

    [Fact]
    public void Beaver_triples_in_both_rings_and_one_correction_element_each()
    {
        var (p0, p1, dealer) = Sources(1);
        ulong[] a0 = new ulong[N], b0 = new ulong[N], c0 = new ulong[N], a1 = new ulong[N], b1 = new ulong[N], c1 = new ulong[N];
        p0.BeaverTriples<ulong>(a0, b0, c0);
        p1.BeaverTriples<ulong>(a1, b1, c1);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal((a0[i] + a1[i]) * (b0[i] + b1[i]), c0[i] + c1[i]);
        }
        Assert.Equal(8L * N, p1.CorrectionBytesReceived);
        Assert.Equal(0, p0.CorrectionBytesReceived);
        Assert.Equal(8L * N, dealer.BytesGenerated);

        UInt128[] w = new UInt128[6 * N];
        p0.BeaverTriples(w.AsSpan(0, N), w.AsSpan(N, N), w.AsSpan(2 * N, N));
        p1.BeaverTriples(w.AsSpan(3 * N, N), w.AsSpan(4 * N, N), w.AsSpan(5 * N, N));
        for (int i = 0; i < N; i++)
        {
            Assert.Equal((w[i] + w[3 * N + i]) * (w[N + i] + w[4 * N + i]), w[2 * N + i] + w[5 * N + i]);
        }
    }

    [Fact]
    public void Square_pairs_and_and_triples()
    {
        var (p0, p1, _) = Sources(2);
        ulong[] a0 = new ulong[N], c0 = new ulong[N], a1 = new ulong[N], c1 = new ulong[N];
        p0.SquarePairs(a0, c0);
        p1.SquarePairs(a1, c1);
        for (int i = 0; i < N; i++)
        {
            ulong a = a0[i] + a1[i];
            Assert.Equal(a * a, c0[i] + c1[i]);
        }
        ulong[][] t0 = Enumerable.Range(0, 5).Select(_ => new ulong[N]).ToArray();
        ulong[][] t1 = Enumerable.Range(0, 5).Select(_ => new ulong[N]).ToArray();
        p0.AndTriples(t0[0], t0[1], t0[2], t0[3], t0[4]);
        p1.AndTriples(t1[0], t1[1], t1[2], t1[3], t1[4]);
        for (int i = 0; i < N; i++)
        {
            ulong a = t0[0][i] ^ t1[0][i];
            Assert.Equal(a & (t0[1][i] ^ t1[1][i]), t0[2][i] ^ t1[2][i]);
            Assert.Equal(a & (t0[3][i] ^ t1[3][i]), t0[4][i] ^ t1[4][i]);
        }
    }

    [Fact]
    public void Comparison_truncation_extension_masks_and_dabits()
    {
        var (p0, p1, _) = Sources(3);
        ulong[] r0 = new ulong[N], rb0 = new ulong[N], r1 = new ulong[N], rb1 = new ulong[N];
        p0.ComparisonMasks(r0, rb0);
        p1.ComparisonMasks(r1, rb1);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(r0[i] + r1[i], rb0[i] ^ rb1[i]);
        }

        ulong[] h0 = new ulong[N], t0 = new ulong[N], h1 = new ulong[N], t1 = new ulong[N];
        p0.TruncationMasks<ulong>(16, r0, h0, t0);
        p1.TruncationMasks<ulong>(16, r1, h1, t1);
        for (int i = 0; i < N; i++)
        {
            ulong r = r0[i] + r1[i];
            Assert.Equal(r >> 16, h0[i] + h1[i]);
            Assert.Equal(r >> 63, t0[i] + t1[i]);
        }

        UInt128[] w0 = new UInt128[N], wt0 = new UInt128[N], w1 = new UInt128[N], wt1 = new UInt128[N];
        p0.ExtensionMasks(r0, w0, wt0);
        p1.ExtensionMasks(r1, w1, wt1);
        for (int i = 0; i < N; i++)
        {
            ulong r = r0[i] + r1[i];
            Assert.Equal((UInt128)r, w0[i] + w1[i]);
            Assert.Equal((UInt128)(r >> 63), wt0[i] + wt1[i]);
        }

        ulong[] bits0 = new ulong[(N + 63) / 64], bits1 = new ulong[(N + 63) / 64];
        UInt128[] da0 = new UInt128[N], da1 = new UInt128[N];
        p0.DaBits<UInt128>(bits0, da0);
        p1.DaBits<UInt128>(bits1, da1);
        int ones = 0;
        for (int i = 0; i < N; i++)
        {
            ulong bit = ((bits0[i / 64] ^ bits1[i / 64]) >> (i % 64)) & 1;
            Assert.Equal((UInt128)bit, da0[i] + da1[i]);
            ones += (int)bit;
        }
        Assert.InRange(ones, N / 2 - 100, N / 2 + 100);

        uint[] narrow0 = new uint[N], narrow1 = new uint[N];
        p0.DaBits<uint>(bits0, narrow0);
        p1.DaBits<uint>(bits1, narrow1);
        for (int i = 0; i < N; i++)
        {
            ulong bit = ((bits0[i / 64] ^ bits1[i / 64]) >> (i % 64)) & 1;
            Assert.Equal((uint)bit, narrow0[i] + narrow1[i]);
        }
        Assert.Throws<NotSupportedException>(() => p0.DaBits<ushort>(bits0, new ushort[N]));
    }

    [Theory]
    [InlineData(2, 1000)]
    [InlineData(19, 1000)]
    [InlineData(31, 77)]
    [InlineData(19, 1)]
    public void Narrow_daBits_hold_a_bit_modulo_their_width_for_width_bits_of_correction_each(int width, int n)
    {
        var (p0, p1, dealer) = Sources((ulong)(width * 10_000 + n));
        int words = (n + 63) / 64;
        ulong[] bits0 = new ulong[words], bits1 = new ulong[words];
        uint[] a0 = new uint[n], a1 = new uint[n];
        p0.NarrowDaBits(width, bits0, a0);
        p1.NarrowDaBits(width, bits1, a1);
        uint mask = (1u << width) - 1;
        int ones = 0;
        for (int i = 0; i < n; i++)
        {
            uint bit = (uint)((bits0[i / 64] ^ bits1[i / 64]) >> (i % 64)) & 1;
            Assert.True(bit == ((a0[i] + a1[i]) & mask), $"width {width}, daBit {i}");
            ones += (int)bit;
        }
        if (n >= 1000)
        {
            Assert.InRange(ones, n / 2 - 100, n / 2 + 100);
        }
        Assert.Equal(8L * ((n * width + 63) / 64), p1.CorrectionBytesReceived);
        Assert.Equal(p1.CorrectionBytesReceived, dealer.BytesGenerated);
        Assert.Throws<ArgumentOutOfRangeException>(() => p0.NarrowDaBits(32, bits0, a0));
        Assert.Throws<ArgumentOutOfRangeException>(() => p0.NarrowDaBits(1, bits0, a0));
        Assert.Throws<ArgumentOutOfRangeException>(() => p0.NarrowDaBits(0, bits0, a0));
    }

    [Fact]
    public void Skipping_a_plan_of_every_kind_keeps_both_parties_and_the_dealer_in_step()
    {
        var (p0, p1, dealer) = Sources(8);
        p0.MatrixMask(1, 3, 2, new ulong[6]);
        p1.MatrixMask(1, 3, 2, new ulong[6]);
        CorrelationRequest[] plan =
        [
            new(CorrelationKind.BeaverTriple64, 5), new(CorrelationKind.BeaverTriple128, 3), new(CorrelationKind.SquarePair, 4),
            new(CorrelationKind.AndTriple, 2, 2), new(CorrelationKind.AndTriple, 3, 1), new(CorrelationKind.ComparisonMask, 3),
            new(CorrelationKind.NibbleComparisonMask, 70), new(CorrelationKind.PairComparisonMask, 5), new(CorrelationKind.PowerTuple128, 2),
            new(CorrelationKind.MonomialMasks, 2, MonomialShape.Four.Id), new(CorrelationKind.TruncationMask64, 3, 16),
            new(CorrelationKind.TruncationMask128, 2, 60), new(CorrelationKind.ExtensionMask, 2), new(CorrelationKind.DaBit64, 70),
            new(CorrelationKind.DaBit128, 3), new(CorrelationKind.DaBit32, 70), new(CorrelationKind.DaBit32, 70, 19), new(CorrelationKind.BitValueTriple, 70), new(CorrelationKind.OneHotMask, 3, 5), new(CorrelationKind.TruncationBorrowMask, 6), new(CorrelationKind.NarrowComparisonMask, 70, 37), new(CorrelationKind.LiftMask, 5, 35), new(CorrelationKind.LeftMatrixTriple, 2, 1, 3, 2), new(CorrelationKind.LeftMatrixTripleWithSquares, 2, 1, 3, 2, 37),
            new(CorrelationKind.DaBitMaskProducts, 6, 1, 2, 2), new(CorrelationKind.LeftMatrixTripleWithBorrows, 5, 1, 3, 2),
            new(CorrelationKind.LeftMatrixTripleWithSquares, 2, 1, 3, 2), new(CorrelationKind.RightMatrixTriple, 2, 1, 3, 2),
        ];
        CorrelationSkipper.Skip(p0, plan);
        CorrelationSkipper.Skip(p1, plan);
        Assert.Equal(plan.Sum(r => r.CorrectionBytes), p1.CorrectionBytesReceived);
        Assert.Equal(p1.CorrectionBytesReceived, dealer.BytesGenerated);

        // What comes after the skipped plan still reconstructs: every stream moved by the same amount on all three sides.
        ulong[] a0 = new ulong[N], b0 = new ulong[N], c0 = new ulong[N], a1 = new ulong[N], b1 = new ulong[N], c1 = new ulong[N];
        p0.BeaverTriples<ulong>(a0, b0, c0);
        p1.BeaverTriples<ulong>(a1, b1, c1);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal((a0[i] + a1[i]) * (b0[i] + b1[i]), c0[i] + c1[i]);
        }
        ulong[] r0 = new ulong[N], rb0 = new ulong[N], r1 = new ulong[N], rb1 = new ulong[N];
        p0.ComparisonMasks(r0, rb0);
        p1.ComparisonMasks(r1, rb1);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(r0[i] + r1[i], rb0[i] ^ rb1[i]);
        }
    }

    [Fact]
    public void Bit_value_triples_hold_a_bit_in_both_sharings_and_its_product_with_a_value()
    {
        var (p0, p1, dealer) = Sources(7);
        int words = (N + 63) / 64;
        ulong[] bits0 = new ulong[words], bits1 = new ulong[words];
        ulong[] r0 = new ulong[N], r1 = new ulong[N], v0 = new ulong[N], v1 = new ulong[N], c0 = new ulong[N], c1 = new ulong[N];
        p0.BitValueTriples(bits0, r0, v0, c0);
        p1.BitValueTriples(bits1, r1, v1, c1);
        int ones = 0;
        for (int i = 0; i < N; i++)
        {
            ulong bit = ((bits0[i / 64] ^ bits1[i / 64]) >> (i % 64)) & 1;
            Assert.Equal(bit, r0[i] + r1[i]);
            Assert.Equal(bit * (v0[i] + v1[i]), c0[i] + c1[i]);
            ones += (int)bit;
        }
        Assert.InRange(ones, N / 2 - 100, N / 2 + 100);
        Assert.Equal(16L * N, p1.CorrectionBytesReceived);
        Assert.Equal(16L * N, dealer.BytesGenerated);
    }

    [Fact]
    public void DaBit_mask_products_hold_a_bit_in_both_sharings_and_its_products_with_its_mask_row()
    {
        var (p0, p1, dealer) = Sources(9);
        const int rows = 250, columns = 3, perRow = 4, n = rows * perRow;
        ulong[] u0 = new ulong[rows * columns], u1 = new ulong[rows * columns];
        p0.MatrixMask(5, rows, columns, u0);
        p1.MatrixMask(5, rows, columns, u1);
        int words = (n + 63) / 64;
        ulong[] bits0 = new ulong[words], bits1 = new ulong[words], r0 = new ulong[n], r1 = new ulong[n];
        ulong[] q0 = new ulong[n * columns], q1 = new ulong[n * columns];
        p0.DaBitMaskProducts(5, perRow, bits0, r0, q0);
        p1.DaBitMaskProducts(5, perRow, bits1, r1, q1);
        int ones = 0;
        for (int t = 0; t < n; t++)
        {
            ulong bit = ((bits0[t / 64] ^ bits1[t / 64]) >> (t % 64)) & 1;
            Assert.Equal(bit, r0[t] + r1[t]);
            for (int l = 0; l < columns; l++)
            {
                int m = t / perRow * columns + l;
                Assert.Equal(bit * (u0[m] + u1[m]), q0[t * columns + l] + q1[t * columns + l]);
            }
            ones += (int)bit;
        }
        Assert.InRange(ones, n / 2 - 100, n / 2 + 100);
        Assert.Equal(8L * n * (1 + columns), p1.CorrectionBytesReceived);
        Assert.Equal(8L * n * (1 + columns), dealer.BytesGenerated);
        // A layout that does not fit the mask is refused by both sides.
        Assert.ThrowsAny<ArgumentException>(() => p0.DaBitMaskProducts(5, perRow + 1, bits0, r0, q0));
        Assert.ThrowsAny<ArgumentException>(() => dealer.Generate(new CorrelationRequest(CorrelationKind.DaBitMaskProducts, n, 5, perRow + 1, columns),
            new byte[8L * n * (1 + columns)]));
    }

    [Fact]
    public void One_hot_masks_hold_the_one_hot_vector_of_the_mask_modulo_the_table_size()
    {
        var (p0, p1, dealer) = Sources(9);
        const int bits = 6, size = 1 << bits, n = 500;
        ulong[] r0 = new ulong[n], r1 = new ulong[n];
        UInt128[] e0 = new UInt128[n * size], e1 = new UInt128[n * size];
        p0.OneHotMasks(bits, r0, e0);
        p1.OneHotMasks(bits, r1, e1);
        var hits = new int[size];
        for (int i = 0; i < n; i++)
        {
            int hot = (int)((r0[i] + r1[i]) % size);
            hits[hot]++;
            for (int j = 0; j < size; j++)
            {
                Assert.Equal(j == hot ? UInt128.One : UInt128.Zero, e0[i * size + j] + e1[i * size + j]);
            }
        }
        Assert.True(hits.All(h => h > 0), "every position is hot for some mask");
        Assert.Equal(16L * n * size, p1.CorrectionBytesReceived);
        Assert.Equal(16L * n * size, dealer.BytesGenerated);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CorrelationRequest(CorrelationKind.OneHotMask, 1, CorrelationRequest.MaxOneHotBits + 1).CorrectionBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CorrelationRequest(CorrelationKind.OneHotMask, 1, 0).CorrectionBytes);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 64)]
    [InlineData(37, 500)]
    [InlineData(63, 129)]
    public void Narrow_comparison_masks_hold_the_bits_of_a_mask_modulo_two_to_the_width_and_its_pair_products(int bits, int n)
    {
        var (p0, p1, dealer) = Sources(10);
        int words = (n + 63) / 64, pairs = (bits - 1) / 2;
        ulong[] rho0 = new ulong[n], rho1 = new ulong[n];
        ulong[] planes0 = new ulong[bits * words], planes1 = new ulong[bits * words], pairs0 = new ulong[pairs * words], pairs1 = new ulong[pairs * words];
        p0.NarrowComparisonMasks(bits, rho0, planes0, pairs0);
        p1.NarrowComparisonMasks(bits, rho1, planes1, pairs1);
        ulong low = (1UL << bits) - 1, seenBits = 0;
        for (int i = 0; i < n; i++)
        {
            Assert.True(rho0[i] <= low && rho1[i] <= low, $"bits {bits}, i {i}: a share above 2^bits");
            ulong rho = (rho0[i] + rho1[i]) & low;
            seenBits |= rho;
            int w = i / 64, at = i % 64;
            for (int j = 0; j < bits; j++)
            {
                Assert.Equal((rho >> j) & 1, ((planes0[j * words + w] ^ planes1[j * words + w]) >> at) & 1);
            }
            for (int j = 0; j < pairs; j++)
            {
                ulong product = (rho >> (2 * j + 1)) & (rho >> (2 * j)) & 1;
                Assert.Equal(product, ((pairs0[j * words + w] ^ pairs1[j * words + w]) >> at) & 1);
            }
        }
        if (n >= 64)
        {
            Assert.Equal(low, seenBits);
        }
        long bytes = 8L * (bits + pairs) * words;
        Assert.Equal(bytes, new CorrelationRequest(CorrelationKind.NarrowComparisonMask, n, bits).CorrectionBytes);
        Assert.Equal(bytes, p1.CorrectionBytesReceived);
        Assert.Equal(bytes, dealer.BytesGenerated);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(35)]
    [InlineData(63)]
    public void Lift_masks_hold_the_high_part_above_the_width_and_the_top_bit_below_it(int bits)
    {
        var (p0, p1, dealer) = Sources(11);
        ulong[] r0 = new ulong[N], h0 = new ulong[N], t0 = new ulong[N], r1 = new ulong[N], h1 = new ulong[N], t1 = new ulong[N];
        p0.LiftMasks(bits, r0, h0, t0);
        p1.LiftMasks(bits, r1, h1, t1);
        int ones = 0;
        for (int i = 0; i < N; i++)
        {
            ulong r = r0[i] + r1[i];
            Assert.Equal(r >> bits, h0[i] + h1[i]);
            Assert.Equal((r >> (bits - 1)) & 1, t0[i] + t1[i]);
            ones += (int)(t0[i] + t1[i]);
        }
        Assert.InRange(ones, N / 2 - 100, N / 2 + 100);
        Assert.Equal(16L * N, p1.CorrectionBytesReceived);
        Assert.Equal(16L * N, dealer.BytesGenerated);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CorrelationRequest(CorrelationKind.LiftMask, 1, 2).CorrectionBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CorrelationRequest(CorrelationKind.LiftMask, 1, 64).CorrectionBytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public void Narrow_comparison_masks_refuse_widths_outside_two_to_sixty_three(int bits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CorrelationRequest(CorrelationKind.NarrowComparisonMask, 1, bits).CorrectionBytes);

    [Fact]
    public void Truncation_borrow_masks_hold_the_high_part_the_top_bit_and_the_low_bits_with_their_products()
    {
        var (p0, p1, dealer) = Sources(10);
        const int n = 70;
        int planes = MonomialShape.Four.Products.Length * CorrelationRequest.NibblePlaneWords(n);
        UInt128[] r0 = new UInt128[n], h0 = new UInt128[n], t0 = new UInt128[n], r1 = new UInt128[n], h1 = new UInt128[n], t1 = new UInt128[n];
        ulong[] low0 = new ulong[n], low1 = new ulong[n], products0 = new ulong[planes], products1 = new ulong[planes];
        p0.TruncationBorrowMasks(r0, h0, t0, low0, products0);
        p1.TruncationBorrowMasks(r1, h1, t1, low1, products1);
        ulong[] low = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            UInt128 r = r0[i] + r1[i];
            Assert.Equal(r >> 62, h0[i] + h1[i]);
            Assert.Equal(r >> 127, t0[i] + t1[i]);
            low[i] = low0[i] ^ low1[i];
            Assert.Equal((ulong)r & ((1UL << 62) - 1), low[i]);
        }
        // The products are those of the nibble comparison masks: the same planes from the same bits.
        int words = CorrelationRequest.NibblePlaneWords(n);
        ulong[] bitPlanes = new ulong[MonomialShape.Four.Variables * words], expected = new ulong[planes];
        for (int position = 0; position < MonomialShape.Four.Variables; position++)
        {
            Core.Protocols.PackedBits.GatherNibblePosition(low, position, bitPlanes.AsSpan(position * words, words));
        }
        MonomialShape.Four.Multiply(bitPlanes, words, expected);
        Assert.Equal(expected, products0.Zip(products1, (a, b) => a ^ b));
        long bytes = new CorrelationRequest(CorrelationKind.TruncationBorrowMask, n).CorrectionBytes;
        Assert.Equal(bytes, p1.CorrectionBytesReceived);
        Assert.Equal(bytes, dealer.BytesGenerated);
    }

    [Theory]
    [InlineData(37)]
    [InlineData(5)]
    public void A_left_matrix_triple_with_a_width_holds_its_product_modulo_the_width_for_packed_corrections(int width)
    {
        var (p0, p1, dealer) = Sources(12);
        const int rows = 100, columns = 2, k = 7;
        ulong[] u0 = new ulong[rows * columns], u1 = new ulong[rows * columns];
        p0.MatrixMask(3, rows, columns, u0);
        p1.MatrixMask(3, rows, columns, u1);
        ulong[] b0 = new ulong[columns * k], b1 = new ulong[columns * k], c0 = new ulong[rows * k], c1 = new ulong[rows * k];
        ulong[] s0 = new ulong[columns * k], s1 = new ulong[columns * k];
        p0.LeftMatrixTriple(3, k, b0, c0, s0, width);
        p1.LeftMatrixTriple(3, k, b1, c1, s1, width);
        ulong[] u = [.. u0.Zip(u1, (a, b) => a + b)], bSum = [.. b0.Zip(b1, (a, b) => a + b)], product = new ulong[rows * k];
        MatrixOps.Multiply(u, bSum, product, rows, columns, k);
        ulong low = (1UL << width) - 1;
        for (int i = 0; i < rows * k; i++)
        {
            Assert.Equal(product[i] & low, (c0[i] + c1[i]) & low);
        }
        for (int i = 0; i < columns * k; i++)
        {
            Assert.Equal(bSum[i] * bSum[i], s0[i] + s1[i]);
        }
        long bytes = 8L * ((rows * k * width + 63) / 64) + 8L * columns * k;
        Assert.Equal(bytes, p1.CorrectionBytesReceived);
        Assert.Equal(bytes, dealer.BytesGenerated);
    }

    [Fact]
    public void A_left_matrix_triple_with_borrows_holds_daBits_and_their_products_with_the_mask_and_with_B()
    {
        var (p0, p1, dealer) = Sources(13);
        const int rows = 90, columns = 3, k = 40, cells = columns * k;
        ulong[] u = SharedMask(p0, p1, 4, rows, columns);
        int words = (cells + 63) / 64, ones = 0;
        var parts = new (ulong[] B, ulong[] C, ulong[] Squares, ulong[] Bits, ulong[] R, ulong[] MaskProducts, ulong[] BProducts)[2];
        for (int party = 0; party < 2; party++)
        {
            parts[party] = (new ulong[cells], new ulong[rows * k], new ulong[cells], new ulong[words], new ulong[cells], new ulong[rows * cells],
                new ulong[cells]);
            var (b, c, sq, bits, r, mp, bp) = parts[party];
            (party == 0 ? p0 : p1).LeftMatrixTripleWithBorrows(4, k, b, c, sq, bits, r, mp, bp);
        }
        ulong[] bSum = [.. parts[0].B.Zip(parts[1].B, (a, b) => a + b)], product = new ulong[rows * k];
        MatrixOps.Multiply(u, bSum, product, rows, columns, k);
        Assert.Equal(product, parts[0].C.Zip(parts[1].C, (a, b) => a + b));
        for (int t = 0; t < cells; t++)
        {
            ulong bit = ((parts[0].Bits[t / 64] ^ parts[1].Bits[t / 64]) >> (t % 64)) & 1;
            ones += (int)bit;
            Assert.Equal(bit, parts[0].R[t] + parts[1].R[t]);
            Assert.Equal(bSum[t] * bSum[t], parts[0].Squares[t] + parts[1].Squares[t]);
            Assert.Equal(bit * bSum[t], parts[0].BProducts[t] + parts[1].BProducts[t]);
            int l = t / k, j = t % k;
            for (int i = 0; i < rows; i++)
            {
                int at = (i * columns + l) * k + j;
                Assert.Equal(bit * u[i * columns + l], parts[0].MaskProducts[at] + parts[1].MaskProducts[at]);
            }
        }
        Assert.InRange(ones, cells / 2 - 30, cells / 2 + 30);
        long bytes = 8L * rows * k + 8L * cells * (3 + rows);
        Assert.Equal(bytes, new CorrelationRequest(CorrelationKind.LeftMatrixTripleWithBorrows, k, 4, rows, columns).CorrectionBytes);
        Assert.Equal(bytes, p1.CorrectionBytesReceived);
        Assert.Equal(bytes, dealer.BytesGenerated);
        // No width: the daBits' products are whole-ring values.
        Assert.Throws<ArgumentOutOfRangeException>(() => new CorrelationRequest(CorrelationKind.LeftMatrixTripleWithBorrows, k, 4, rows, columns, 37).CorrectionBytes);
    }

    [Fact]
    public void Matrix_triples_with_a_reused_mask()
    {
        var (p0, p1, _) = Sources(4);
        const int rows = 7, cols = 3, k = 4;
        ulong[] u0 = new ulong[rows * cols], u1 = new ulong[rows * cols];
        p0.MatrixMask(0, rows, cols, u0);
        p1.MatrixMask(0, rows, cols, u1);
        ulong[] u = new ulong[rows * cols];
        Ring.Add<ulong>(u0, u1, u);
        for (int round = 0; round < 2; round++)
        {
            ulong[] b0 = new ulong[cols * k], c0 = new ulong[rows * k], b1 = new ulong[cols * k], c1 = new ulong[rows * k];
            p0.LeftMatrixTriple(0, k, b0, c0);
            p1.LeftMatrixTriple(0, k, b1, c1);
            ulong[] b = new ulong[cols * k], c = new ulong[rows * k], expected = new ulong[rows * k];
            Ring.Add<ulong>(b0, b1, b);
            Ring.Add<ulong>(c0, c1, c);
            MatrixOps.Multiply(u, b, expected, rows, cols, k);
            Assert.Equal(expected, c);

            ulong[] v0 = new ulong[k * rows], w0 = new ulong[k * cols], v1 = new ulong[k * rows], w1 = new ulong[k * cols];
            p0.RightMatrixTriple(0, k, v0, w0);
            p1.RightMatrixTriple(0, k, v1, w1);
            ulong[] v = new ulong[k * rows], w = new ulong[k * cols], expectedW = new ulong[k * cols];
            Ring.Add<ulong>(v0, v1, v);
            Ring.Add<ulong>(w0, w1, w);
            MatrixOps.Multiply(v, u, expectedW, k, rows, cols);
            Assert.Equal(expectedW, w);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(77)]
    [InlineData(1000)]
    public void Nibble_comparison_masks_hold_the_products_of_r_bits_in_each_group_of_four(int n)
    {
        var (p0, p1, dealer) = Sources(5);
        MonomialShape shape = MonomialShape.Four;
        int words = CorrelationRequest.NibblePlaneWords(n);
        ulong[] r0 = new ulong[n], rb0 = new ulong[n], r1 = new ulong[n], rb1 = new ulong[n];
        ulong[] q0 = new ulong[11 * words], q1 = new ulong[11 * words];
        p0.NibbleComparisonMasks(r0, rb0, q0);
        p1.NibbleComparisonMasks(r1, rb1, q1);
        Assert.Equal(11, shape.Products.Length);
        for (int i = 0; i < n; i++)
        {
            ulong r = r0[i] + r1[i];
            Assert.Equal(r, rb0[i] ^ rb1[i]);
            for (int group = 0; group < 16; group++)
            {
                for (int t = 0; t < 11; t++)
                {
                    int subset = shape.Products[t];
                    ulong expected = 1;
                    for (int position = 0; position < 4; position++)
                    {
                        expected &= (subset >> position & 1) == 0 ? 1 : r >> (4 * group + position) & 1;
                    }
                    int at = 16 * i + group;
                    Assert.Equal(expected, ((q0[t * words + at / 64] ^ q1[t * words + at / 64]) >> (at % 64)) & 1);
                }
            }
        }
        long bytes = new CorrelationRequest(CorrelationKind.NibbleComparisonMask, n).CorrectionBytes;
        Assert.Equal(8L * n + 88L * words, bytes);
        Assert.Equal(bytes, p1.CorrectionBytesReceived);
        Assert.Equal(bytes, dealer.BytesGenerated);
        Assert.Equal(0, p0.CorrectionBytesReceived);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1001)]
    public void Pair_comparison_masks_hold_the_products_of_r_bits_in_each_pair(int n)
    {
        var (p0, p1, dealer) = Sources(7);
        int words = (n + 1) / 2;
        ulong[] r0 = new ulong[n], rb0 = new ulong[n], r1 = new ulong[n], rb1 = new ulong[n], q0 = new ulong[words], q1 = new ulong[words];
        p0.PairComparisonMasks(r0, rb0, q0);
        p1.PairComparisonMasks(r1, rb1, q1);
        for (int i = 0; i < n; i++)
        {
            ulong r = r0[i] + r1[i];
            Assert.Equal(r, rb0[i] ^ rb1[i]);
            for (int j = 0; j < 32; j++)
            {
                int at = 32 * (i % 2) + j;
                Assert.Equal((r >> (2 * j + 1)) & (r >> (2 * j)) & 1, ((q0[i / 2] ^ q1[i / 2]) >> at) & 1);
            }
        }
        long bytes = new CorrelationRequest(CorrelationKind.PairComparisonMask, n).CorrectionBytes;
        Assert.Equal(8L * n + 8L * words, bytes);
        Assert.Equal(bytes, p1.CorrectionBytesReceived);
        Assert.Equal(bytes, dealer.BytesGenerated);
    }

    [Fact]
    public void Power_tuples_hold_the_square_cube_and_fourth_power()
    {
        var (p0, p1, dealer) = Sources(8);
        UInt128[] a0 = new UInt128[N], a1 = new UInt128[N], w0 = new UInt128[3 * N], w1 = new UInt128[3 * N];
        p0.PowerTuples(a0, w0);
        p1.PowerTuples(a1, w1);
        for (int i = 0; i < N; i++)
        {
            UInt128 a = a0[i] + a1[i];
            Assert.Equal(a * a, w0[i] + w1[i]);
            Assert.Equal(a * a * a, w0[N + i] + w1[N + i]);
            Assert.Equal(a * a * a * a, w0[2 * N + i] + w1[2 * N + i]);
        }
        Assert.Equal(48L * N, p1.CorrectionBytesReceived);
        Assert.Equal(48L * N, dealer.BytesGenerated);
    }

    [Fact]
    public void Monomial_masks_hold_the_products_of_every_subset_their_shape_names()
    {
        var (p0, p1, dealer) = Sources(6);
        const int words = 33;
        long bytes = 0;
        foreach (MonomialShape shape in new[] { MonomialShape.Four, MonomialShape.Borrow, MonomialShape.BorrowAndPropagate })
        {
            Assert.Same(shape, MonomialShape.FromId(shape.Id));
            ulong[] a0 = new ulong[shape.Variables * words], a1 = new ulong[a0.Length];
            ulong[] c0 = new ulong[shape.Products.Length * words], c1 = new ulong[c0.Length];
            p0.MonomialMasks(shape, words, a0, c0);
            p1.MonomialMasks(shape, words, a1, c1);
            for (int t = 0; t < shape.Products.Length; t++)
            {
                for (int w = 0; w < words; w++)
                {
                    ulong expected = ulong.MaxValue;
                    for (int v = 0; v < shape.Variables; v++)
                    {
                        expected &= (shape.Products[t] >> v & 1) == 0 ? ulong.MaxValue : a0[v * words + w] ^ a1[v * words + w];
                    }
                    Assert.Equal(expected, c0[t * words + w] ^ c1[t * words + w]);
                }
            }
            bytes += new CorrelationRequest(CorrelationKind.MonomialMasks, words, shape.Id).CorrectionBytes;
        }
        Assert.Equal(new[] { 11, 15, 22 }, new[] { MonomialShape.Four, MonomialShape.Borrow, MonomialShape.BorrowAndPropagate }.Select(s => s.Products.Length));
        Assert.Equal(8L * words * (11 + 15 + 22), bytes);
        Assert.Equal(bytes, p1.CorrectionBytesReceived);
        Assert.Equal(bytes, dealer.BytesGenerated);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CorrelationRequest(CorrelationKind.MonomialMasks, 1, 9).CorrectionBytes);
    }
}
