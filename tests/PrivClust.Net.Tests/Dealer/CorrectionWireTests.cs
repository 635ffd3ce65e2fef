using Grpc.Core;
using PrivClust.Core.Correlations;
using PrivClust.Net.Dealer;

namespace PrivClust.Net.Tests.Dealer;

/// <summary>The wire mapping knows the comparison's new correlation kinds and refuses a shape it does not know.</summary>
public class CorrectionWireTests
{
    [Theory]
    [InlineData(CorrelationKind.NibbleComparisonMask, 1000, 0, 8 * 1000 + 8 * 11 * 250)]
    [InlineData(CorrelationKind.PairComparisonMask, 1001, 0, 8 * 1001 + 8 * 501)]
    [InlineData(CorrelationKind.PowerTuple128, 10, 0, 48 * 10)]
    [InlineData(CorrelationKind.MonomialMasks, 40, 0, 8 * 40 * 11)]
    [InlineData(CorrelationKind.MonomialMasks, 40, 1, 8 * 40 * 15)]
    [InlineData(CorrelationKind.MonomialMasks, 40, 2, 8 * 40 * 22)]
    [InlineData(CorrelationKind.OneHotMask, 5, 8, 16 * 5 * 256)]
    [InlineData(CorrelationKind.TruncationBorrowMask, 8, 0, 40 * 8 + 8 * 11 * 2)]
    [InlineData(CorrelationKind.NarrowComparisonMask, 1000, 37, 8 * (37 + 18) * 16)]
    [InlineData(CorrelationKind.LiftMask, 10, 35, 16 * 10)]
    public void New_kinds_cross_the_wire_with_their_correction_bytes(CorrelationKind kind, int count, int parameter, long bytes)
    {
        var request = new CorrelationRequest(kind, count, parameter);
        CorrelationRequest back = CorrectionWire.FromWire(CorrectionWire.ToWire("s", 3, request), long.MaxValue);
        Assert.Equal(request, back);
        Assert.Equal(bytes, back.CorrectionBytes);
    }

    [Fact]
    public void A_left_matrix_triple_crosses_with_its_width_and_its_product_packed()
    {
        var request = new CorrelationRequest(CorrelationKind.LeftMatrixTripleWithSquares, 32, 1, 1000, 2, 37);
        CorrelationRequest back = CorrectionWire.FromWire(CorrectionWire.ToWire("s", 3, request), long.MaxValue);
        Assert.Equal(request, back);
        Assert.Equal(8L * (1000 * 32 * 37 / 64) + 8L * 2 * 32, back.CorrectionBytes);
    }

    [Theory]
    [InlineData(CorrelationKind.LeftMatrixTriple, 1)]
    [InlineData(CorrelationKind.LeftMatrixTriple, 64)]
    [InlineData(CorrelationKind.RightMatrixTriple, 37)]
    [InlineData(CorrelationKind.BeaverTriple64, 37)]
    public void A_width_outside_two_to_sixty_three_or_on_another_kind_is_an_invalid_argument(CorrelationKind kind, int width)
    {
        var wire = CorrectionWire.ToWire("s", 0, new CorrelationRequest(kind, 4, 1, 10, 2, width));
        var refused = Assert.Throws<RpcException>(() => CorrectionWire.FromWire(wire, long.MaxValue));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains($"or width {width}", refused.Status.Detail);
    }

    [Fact]
    public void An_unknown_monomial_shape_is_an_invalid_argument()
    {
        var wire = CorrectionWire.ToWire("s", 0, new CorrelationRequest(CorrelationKind.MonomialMasks, 4, 7));
        var refused = Assert.Throws<RpcException>(() => CorrectionWire.FromWire(wire, long.MaxValue));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("MonomialMasks has no parameter 7", refused.Status.Detail);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(62)]
    public void A_one_hot_mask_wider_than_the_table_limit_is_an_invalid_argument(int bits)
    {
        var wire = CorrectionWire.ToWire("s", 0, new CorrelationRequest(CorrelationKind.OneHotMask, 1, bits));
        var refused = Assert.Throws<RpcException>(() => CorrectionWire.FromWire(wire, long.MaxValue));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains($"OneHotMask has no parameter {bits}", refused.Status.Detail);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65537)]
    [InlineData(int.MaxValue)]
    public void DaBit_mask_products_with_no_or_too_many_columns_are_an_invalid_argument(int columns)
    {
        var wire = CorrectionWire.ToWire("s", 0, new CorrelationRequest(CorrelationKind.DaBitMaskProducts, int.MaxValue, 1, 5, columns));
        var refused = Assert.Throws<RpcException>(() => CorrectionWire.FromWire(wire, long.MaxValue));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains($"DaBitMaskProducts has no parameter 1, shape 5×{columns}", refused.Status.Detail);
    }

    [Fact]
    public void DaBit_mask_products_count_a_correction_element_per_bit_and_per_product()
    {
        var request = new CorrelationRequest(CorrelationKind.DaBitMaskProducts, 1000, 2, 5, 3);
        Assert.Equal(8L * 1000 * 4, CorrectionWire.FromWire(CorrectionWire.ToWire("s", 1, request), long.MaxValue).CorrectionBytes);
    }
}
