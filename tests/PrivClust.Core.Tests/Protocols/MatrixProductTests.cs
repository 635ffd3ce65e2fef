using PrivClust.Core.Arithmetic;
using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

public class MatrixProductTests
{
    [Fact]
    public void Products_with_a_fixed_operand_reuse_its_mask_and_open_only_the_changing_one()
    {
        const ulong seed = 81;
        const int n = 500, d = 3, k = 4;
        var rng = new System.Random(81);
        ulong[] x = Shares.RandomRing(rng, n * d);
        ulong[] y1 = Shares.RandomRing(rng, d * k), y2 = Shares.RandomRing(rng, d * k), w = Shares.RandomRing(rng, k * n);
        var (z, run) = Shares.Compute(seed, [x, y1, y2, w], (s, v) =>
        {
            var fixedX = FixedMatrix.Create(s, v[0], n, d);
            long afterMask = s.Stats.Total.BytesSent;
            var z1 = new ulong[n * k];
            var z2 = new ulong[n * k];
            var z3 = new ulong[k * d];
            MatrixProduct.MultiplyLeft(s, fixedX, v[1], k, z1);
            Assert.Equal(8L * d * k, s.Stats.Total.BytesSent - afterMask);
            MatrixProduct.MultiplyLeft(s, fixedX, v[2], k, z2);
            MatrixProduct.MultiplyRight(s, v[3], k, fixedX, z3);
            return [.. z1, .. z2, .. z3];
        });
        ulong[] e1 = new ulong[n * k], e2 = new ulong[n * k], e3 = new ulong[k * d];
        MatrixOps.Multiply(x, y1, e1, n, d, k);
        MatrixOps.Multiply(x, y2, e2, n, d, k);
        MatrixOps.Multiply(w, x, e3, k, n, d);
        Assert.Equal([.. e1, .. e2, .. e3], z);
        Assert.Equal(4, run.Rounds);
        Assert.Equal(8L * (n * d + 2 * d * k + k * n), run.BytesSent0);
    }

    [Fact]
    public void The_left_product_also_gives_the_squares_of_the_changing_operand_from_the_same_opening()
    {
        const int n = 64, d = 2, k = 3;
        var rng = new System.Random(82);
        ulong[] x = Shares.RandomRing(rng, n * d), y = Shares.RandomRing(rng, d * k);
        var (z, run) = Shares.Compute(82, [x, y], (s, v) =>
        {
            var fixedX = FixedMatrix.Create(s, v[0], n, d);
            var product = new ulong[n * k];
            var squares = new ulong[d * k];
            MatrixProduct.MultiplyLeft(s, fixedX, v[1], k, product, squares);
            return [.. product, .. squares];
        });
        ulong[] expected = new ulong[n * k];
        MatrixOps.Multiply(x, y, expected, n, d, k);
        Assert.Equal([.. expected, .. y.Select(v => v * v)], z);
        Assert.Equal(2, run.Rounds);
    }

    [Theory]
    [InlineData(87, "random", 200, 5)]
    [InlineData(88, "zeros", 64, 3)]
    [InlineData(89, "ones", 33, 40)]
    [InlineData(90, "random", 1, 1)]
    public void The_pending_left_product_converts_the_borrows_in_its_own_opening_and_is_exact(int seed, string pattern, int n, int k)
    {
        const int d = 2;
        int cells = d * k, words = PackedBits.Words(cells);
        var rng = new System.Random(seed);
        ulong[] x = Shares.RandomRing(rng, n * d);
        // The base holds the ring's edges as well as uniform values.
        ulong[] edges = [0, 1, ulong.MaxValue, 1UL << 63, (1UL << 63) - 1];
        ulong[] baseValues = [.. Shares.RandomRing(rng, cells).Select((v, i) => i < edges.Length ? edges[i] : v)];
        bool[] bit = [.. Enumerable.Range(0, cells).Select(_ => pattern switch { "zeros" => false, "ones" => true, _ => rng.Next(2) == 1 })];
        ulong[] packed = new ulong[words], otherShare = Shares.RandomRing(rng, words);
        for (int t = 0; t < cells; t++)
        {
            packed[t >> 6] |= bit[t] ? 1UL << (t & 63) : 0;
        }
        bool flag = rng.Next(2) == 1;
        ulong flagMask = (ulong)rng.Next(2);
        var (z, run) = Shares.Compute((ulong)seed, [x, baseValues], (s, v) =>
        {
            var fixedX = FixedMatrix.Create(s, v[0], n, d);
            // Binary shares of the bits and of the riding flag: random XOR-sharings.
            ulong[] own = s.IsParty0 ? [.. packed.Zip(otherShare, (a, b) => a ^ b)] : otherShare;
            var rider = new OutputOpening([s.IsParty0 ? flagMask ^ (flag ? 1UL : 0) : flagMask], "flag", binary: true);
            ulong[] product = new ulong[n * k], squares = new ulong[cells], y = new ulong[cells];
            MatrixProduct.MultiplyLeftPending(s, fixedX, v[1], own, k, product, squares, y, rider);
            Assert.Equal(flag ? 1UL : 0UL, rider.Opened![0]);
            return [.. product, .. squares, .. y];
        });
        ulong[] yExpected = [.. baseValues.Select((b, t) => b - (bit[t] ? 1UL : 0UL))], expected = new ulong[n * k];
        MatrixOps.Multiply(x, yExpected, expected, n, d, k);
        Assert.True(expected.SequenceEqual(z[..(n * k)]), $"seed {seed}: X·Y");
        Assert.True(yExpected.Select(v => v * v).SequenceEqual(z.Skip(n * k).Take(cells)), $"seed {seed}: Y∘Y");
        Assert.True(yExpected.SequenceEqual(z[(n * k + cells)..]), $"seed {seed}: Y");
        Assert.Equal(2, run.Rounds); // X's mask opening, then the one round
        Assert.Equal(8L * n * d + 8L * (cells + words + 1), run.BytesSent0);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(63, 5)]
    [InlineData(200, 32)]
    public void The_transposed_right_product_equals_the_right_product_of_the_transposed_operand(int n, int k)
    {
        const int d = 2;
        ulong seed = (ulong)(83 + n);
        var rng = new System.Random((int)seed);
        ulong[] x = Shares.RandomRing(rng, n * d), w = Shares.RandomRing(rng, n * k);
        var (z, run) = Shares.Compute(seed, [x, w], (s, v) =>
        {
            var fixedX = FixedMatrix.Create(s, v[0], n, d);
            var product = new ulong[k * d];
            MatrixProduct.MultiplyTransposedRight(s, v[1], k, fixedX, product);
            return product;
        });
        ulong[] transposed = new ulong[k * n], expected = new ulong[k * d];
        MatrixOps.Transpose(w, transposed, n, k);
        MatrixOps.Multiply(transposed, x, expected, k, n, d);
        Assert.Equal(expected, z);
        Assert.Equal(2, run.Rounds);
        Assert.Equal(8L * (n * d + k * n), run.BytesSent0);
    }

    [Theory]
    [InlineData(35)]
    [InlineData(7)]
    public void A_narrow_opening_gives_the_transposed_product_modulo_its_width_for_fewer_bytes(int bits)
    {
        const int n = 300, k = 8, d = 2;
        var rng = new System.Random(86 + bits);
        ulong[] x = Shares.RandomRing(rng, n * d), w = Shares.RandomRing(rng, n * k);
        var (z, run) = Shares.Compute((ulong)(86 + bits), [x, w], (s, v) =>
        {
            var fixedX = FixedMatrix.Create(s, v[0], n, d);
            var product = new ulong[k * d];
            MatrixProduct.MultiplyTransposedRight(s, v[1], k, fixedX, product, bits: bits);
            return product;
        });
        ulong[] transposed = new ulong[k * n], expected = new ulong[k * d];
        MatrixOps.Transpose(w, transposed, n, k);
        MatrixOps.Multiply(transposed, x, expected, k, n, d);
        ulong low = (1UL << bits) - 1;
        Assert.Equal(expected.Select(e => e & low), z.Select(e => e & low));
        Assert.Equal(8L * n * d + 8L * ((n * k * bits + 63) / 64), run.BytesSent0);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(65, 3)]
    [InlineData(300, 32)]
    public void Transposing_in_tiles_matches_the_element_wise_definition(int m, int p)
    {
        var rng = new System.Random(m * 1000 + p);
        ulong[] a = Shares.RandomRing(rng, m * p), b = Shares.RandomRing(rng, m * p);
        ulong[] t = new ulong[m * p], diff = new ulong[m * p];
        MatrixOps.Transpose(a, t, m, p);
        MatrixOps.TransposeSubtract(a, b, diff, m, p);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < p; j++)
            {
                Assert.Equal(a[i * p + j], t[j * m + i]);
                Assert.Equal(a[i * p + j] - b[j * m + i], diff[j * m + i]);
            }
        }
    }
}
