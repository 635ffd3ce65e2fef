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
}
