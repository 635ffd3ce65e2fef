using PrivClust.Core.Arithmetic;

namespace PrivClust.Core.Tests.Arithmetic;

public class FixedPointTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    [InlineData(123.456)]
    [InlineData(-98765.4321)]
    public void Round_trip_is_within_half_a_step(double v)
    {
        var fp = new FixedPoint(16);
        Assert.InRange(Math.Abs(fp.Decode(fp.Encode(v)) - v), 0, fp.Step / 2);
    }

    [Fact]
    public void Negative_values_are_twos_complement()
    {
        var fp = new FixedPoint(16);
        Assert.Equal(unchecked((ulong)-65536L), fp.Encode(-1.0));
        Assert.Equal(65536UL, fp.Encode(1.0));
    }

    [Theory]
    [InlineData(double.NaN, "not a number")]
    [InlineData(double.PositiveInfinity, "infinite")]
    [InlineData(double.NegativeInfinity, "infinite")]
    [InlineData(1e300, "safe range")]
    [InlineData(-7.1e13, "safe range")]
    public void Rejects_values_it_cannot_encode(double v, string reason)
    {
        var e = Assert.Throws<FixedPointRangeException>(() => new FixedPoint(16).Encode(v));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Encodes_up_to_the_limit_and_rejects_at_it()
    {
        var fp = new FixedPoint(16);
        double limit = fp.MaxEncodable;
        Assert.Equal(Math.ScaleB(1, 46), limit);
        fp.Encode(limit * 0.999999);
        Assert.Throws<FixedPointRangeException>(() => fp.Encode(limit));
        Assert.Throws<FixedPointRangeException>(() => fp.Encode(100.0, maxAbs: 50.0));
    }

    [Fact]
    public void Decode_at_double_scale_reads_products()
    {
        var fp = new FixedPoint(16);
        ulong product = fp.Encode(1.5) * fp.Encode(-2.25);
        Assert.Equal(-3.375, FixedPoint.Decode(product, 32));
    }
}
