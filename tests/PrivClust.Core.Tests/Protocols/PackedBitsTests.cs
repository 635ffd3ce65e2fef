using PrivClust.Core.Protocols;

namespace PrivClust.Core.Tests.Protocols;

public class PackedBitsTests
{
    [Theory]
    [InlineData(0, 64)]
    [InlineData(1, 63)]
    [InlineData(63, 130)]
    [InlineData(64, 1)]
    [InlineData(100, 1500)]
    [InlineData(5, 0)]
    public void Extract_and_deposit_move_a_bit_range_at_any_offset(int offset, int count)
    {
        var rng = new System.Random(offset * 1000 + count);
        ulong[] source = Support.Shares.RandomRing(rng, 40);
        ulong[] extracted = Support.Shares.RandomRing(rng, PackedBits.Words(count) + 1);
        PackedBits.Extract(source, offset, count, extracted);
        ulong[] deposited = new ulong[40];
        PackedBits.Deposit(extracted, count, deposited, offset);
        for (int i = 0; i < 64 * extracted.Length; i++)
        {
            Assert.Equal(i < count ? PackedBits.Get(source, offset + i) : 0UL, PackedBits.Get(extracted, i));
        }
        for (int i = 0; i < 64 * deposited.Length; i++)
        {
            bool inside = i >= offset && i < offset + count;
            Assert.Equal(inside ? PackedBits.Get(source, i) : 0UL, PackedBits.Get(deposited, i));
        }
    }
}
