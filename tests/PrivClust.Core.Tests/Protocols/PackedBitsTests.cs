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

    [Theory]
    [InlineData(100, 5, 4, 0)]        // the one-hot's first k − 1 columns
    [InlineData(100, 5, 4, 37)]       // deposited behind other bits
    [InlineData(100, 5, 5, 3)]        // whole groups
    [InlineData(33, 1, 1, 0)]
    [InlineData(9, 70, 69, 11)]       // groups wider than a word
    [InlineData(7, 200, 130, 64)]
    [InlineData(5, 8, 0, 0)]          // nothing taken
    public void Group_prefixes_are_gathered_in_order_behind_an_offset(int groups, int size, int take, int at)
    {
        var rng = new System.Random(groups * 1000 + size * 10 + take);
        ulong[] source = Support.Shares.RandomRing(rng, PackedBits.Words(groups * size) + 1);
        ulong[] destination = new ulong[PackedBits.Words(at + groups * take) + 1];
        PackedBits.DepositGroupPrefixes(source, groups, size, take, destination, at);
        for (int i = 0; i < 64 * destination.Length; i++)
        {
            int j = i - at;
            ulong expected = j >= 0 && j < groups * take ? PackedBits.Get(source, j / take * size + j % take) : 0UL;
            Assert.True(expected == PackedBits.Get(destination, i), $"bit {i} (groups {groups}, size {size}, take {take}, at {at})");
        }
    }
}
