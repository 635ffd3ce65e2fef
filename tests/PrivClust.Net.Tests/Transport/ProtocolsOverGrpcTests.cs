using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;
using PrivClust.Net.Tests.Support;

namespace PrivClust.Net.Tests.Transport;

/// <summary>
/// Core protocols over real gRPC (dealer + two party endpoints on loopback) give the same shares, rounds,
/// bytes and dealer traffic as the in-process harness with the same dealer seeds.
/// </summary>
public class ProtocolsOverGrpcTests
{
    private const ulong RunSeed = 7;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Multiply_and_compare_over_grpc_equal_the_harness(int dialer)
    {
        const int n = 3000;
        var (x, x0, x1) = SplitShares.Random(n, 1, bits: 30);
        var (y, y0, y1) = SplitShares.Random(n, 2, bits: 30);
        Func<PartySession, ulong[]> Party(ulong[] xs, ulong[] ys) => s =>
        {
            var product = new ulong[n];
            Multiplication.Multiply<ulong>(s, xs, ys, product);
            var sign = new ulong[n];
            Comparison.LessThanZero<ulong>(s, product, sign);
            return [.. product, .. sign];
        };
        TwoPartyResult<ulong[]> harness = TwoPartyHarness.Run(RunSeed, Party(x0, y0), Party(x1, y1));
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(RunSeed));

        var (p0, p1) = await GrpcTwoParty.RunAsync(network, "mul-cmp-" + dialer, Party(x0, y0), Party(x1, y1), dialer);

        Assert.Equal(harness.Party0, p0.Value);
        Assert.Equal(harness.Party1, p1.Value);
        ulong[] opened = SplitShares.Reconstruct(p0.Value, p1.Value);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(x[i] * y[i], opened[i]);
            Assert.Equal((long)(x[i] * y[i]) < 0 ? 1UL : 0UL, opened[n + i]);
        }
        Assert.Equal(harness.Rounds, p0.Stats.Total.Rounds);
        Assert.Equal(harness.Rounds, p1.Stats.Total.Rounds);
        Assert.Equal(harness.BytesSent0, p0.Stats.Total.BytesSent);
        Assert.Equal(harness.BytesSent1, p1.Stats.Total.BytesSent);
        Assert.Equal(harness.DealerBytes, p1.DealerBytes);
        Assert.Equal(0, p0.DealerBytes);
    }

    [Fact]
    public async Task Messages_larger_than_a_chunk_are_reassembled()
    {
        const int n = 300_000; // 2 × 8 × n = 4.8 MB per party in the multiplication round: five chunks
        var (x, x0, x1) = SplitShares.Random(n, 3, bits: 20);
        Func<PartySession, ulong[]> Party(ulong[] xs) => s =>
        {
            var square = new ulong[n];
            Multiplication.Multiply<ulong>(s, xs, xs, square);
            return square;
        };
        TwoPartyResult<ulong[]> harness = TwoPartyHarness.Run(RunSeed, Party(x0), Party(x1));
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(RunSeed));

        var (p0, p1) = await GrpcTwoParty.RunAsync(network, "large", Party(x0), Party(x1));

        Assert.Equal(harness.Party0, p0.Value);
        Assert.Equal(harness.Party1, p1.Value);
        Assert.Equal(x.Select(v => v * v), SplitShares.Reconstruct(p0.Value, p1.Value));
        Assert.Equal(harness.BytesSent0, p0.Stats.Total.BytesSent);
    }
}
