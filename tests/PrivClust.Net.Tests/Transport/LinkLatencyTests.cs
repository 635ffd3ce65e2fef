using System.Diagnostics;
using Google.Protobuf;
using PrivClust.Core.Protocols;
using PrivClust.Net.Peer;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;
using Xunit.Abstractions;

namespace PrivClust.Net.Tests.Transport;

/// <summary>
/// Latency over real gRPC with mutual TLS on loopback: one peer round (8 bytes each way), one dealer correction
/// request at party b, and, for comparison, an asynchronous ping-pong on a bare Exchange stream. Prints the
/// medians (run with --logger "console;verbosity=detailed"); asserts only a generous bound (shared machines).
/// </summary>
[Trait("Category", "Heavy")]
public class LinkLatencyTests(ITestOutputHelper output)
{
    private const int Rounds = 2000;

    [Fact]
    public async Task A_peer_round_costs_about_a_transport_round_trip()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(1));
        var send = new ulong[1];
        var (p0, p1) = await GrpcTwoParty.RunAsync(network, "latency-peer",
            s => MedianMicroseconds(() => s.Exchange<ulong>(send, new ulong[1])), s => MedianMicroseconds(() => s.Exchange<ulong>(send, new ulong[1])));
        output.WriteLine($"peer round, median: a {p0.Value:0} µs, b {p1.Value:0} µs");
        Assert.True(p0.Value < 5000);
    }

    [Fact]
    public async Task A_dealer_request_costs_about_a_transport_round_trip()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(1));
        Func<PartySession, double> party = s =>
        {
            var (a, b, c) = (new ulong[4], new ulong[4], new ulong[4]);
            return MedianMicroseconds(() => s.Correlations.BeaverTriples<ulong>(a, b, c));
        };
        var (_, p1) = await GrpcTwoParty.RunAsync(network, "latency-dealer", party, party);
        output.WriteLine($"dealer request at party b, median: {p1.Value:0} µs");
        Assert.True(p1.Value < 5000);
    }

    [Fact]
    public async Task Bare_async_ping_pong_on_an_exchange_stream()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(1));
        Task<IncomingExchange> arrival = network.Registries[1].Expect("bare");
        using var call = network.PeerClientOf(1).Exchange();
        await call.RequestStream.WriteAsync(PeerHandshake.Frame(GrpcTwoParty.DefaultParameters("bare", 0), new byte[16]));
        IncomingExchange incoming = await arrival;
        var frame = new PeerFrame { Data = new DataFrame { SessionId = "bare", Step = 1, Payload = ByteString.CopyFrom(new byte[8]), LastChunk = true } };
        Task echo = Task.Run(async () =>
        {
            while (await incoming.Reader.MoveNext(CancellationToken.None))
            {
                await incoming.Writer.WriteAsync(frame);
            }
        });
        var times = new double[Rounds];
        for (int i = 0; i < Rounds; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await call.RequestStream.WriteAsync(frame);
            await call.ResponseStream.MoveNext(CancellationToken.None);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        await call.RequestStream.CompleteAsync();
        await echo;
        incoming.Finish();
        Array.Sort(times);
        output.WriteLine($"bare async ping-pong, median: {times[Rounds / 2]:0} µs");
    }

    private static double MedianMicroseconds(Action round)
    {
        var times = new double[Rounds];
        for (int i = 0; i < Rounds; i++)
        {
            long start = Stopwatch.GetTimestamp();
            round();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(times);
        return times[Rounds / 2];
    }
}
