using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PrivClust.Core.Channels;
using PrivClust.Core.Correlations;
using PrivClust.Core.Protocols;
using PrivClust.Net.Dealer;
using PrivClust.Net.Peer;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;
using Kind = PrivClust.Net.Tests.Faults.PeerFrameFaults.Kind;

namespace PrivClust.Net.Tests.Faults;

/// <summary>
/// Frame robustness (issue 5, item 6), bounded and randomised with fixed seeds: a raw client with a valid
/// certificate puts truncated, oversized, over-limit, out-of-order, wrong-step, wrong-session, malformed and
/// random frames on a party's Exchange stream (after some valid rounds) and on the dealer's Corrections stream.
/// Each aborts only its own session, quickly (not by timeout), with an error naming the session; afterwards the
/// same endpoints run a normal two-party session correctly.
/// </summary>
public class FrameRobustnessTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Bad_frames_on_the_peer_and_dealer_streams_abort_their_session_and_the_endpoints_serve_on()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(3), ReceiveTimeout);
        using GrpcChannel toPartyB = RawGrpc.Unlimited(network.PartyAddresses[1], LoopbackNetwork.RoleOf(0));
        using GrpcChannel toDealer = RawGrpc.Unlimited(network.DealerAddress, LoopbackNetwork.RoleOf(1));
        Kind[] kinds = Enum.GetValues<Kind>();
        for (int trial = 0; trial < 2 * kinds.Length; trial++)
        {
            var random = new Random(1000 + trial);
            await PeerTrialAsync(network, toPartyB, $"fuzz-{trial}", kinds[trial % kinds.Length], random);
            await GarbageFirstFrameAsync(toPartyB, random);
        }
        for (int trial = 0; trial < 24; trial++)
        {
            await DealerTrialAsync(network, toDealer, $"dealer-fuzz-{trial}", new Random(2000 + trial));
        }

        await NormalSessionAsync(network);
        Assert.Equal(0, network.Registries[1].WaitingCount);
    }

    private async Task PeerTrialAsync(LoopbackNetwork network, GrpcChannel channel, string session, Kind kind, Random random)
    {
        Task<ChannelException> acceptor = Acceptor(network.Registries[1].Expect(session), session);
        var watch = Stopwatch.StartNew();
        using var bound = new CancellationTokenSource(2 * ReceiveTimeout);
        using AsyncDuplexStreamingCall<byte[], byte[]> call = RawGrpc.Open(channel, RawGrpc.PeerExchange, bound.Token);
        await call.RequestStream.WriteAsync(PeerFrameFaults.Handshake(session));
        int valid = random.Next(0, 4);
        for (int step = 1; step <= valid; step++)
        {
            await call.RequestStream.WriteAsync(PeerFrameFaults.Data(session, (ulong)step, PeerFrameFaults.MessageBytes));
        }
        await WhileOpenAsync(async () =>
        {
            await WriteAllAsync(call.RequestStream, PeerFrameFaults.Frames(kind, session, (ulong)valid + 1, random));
            await call.RequestStream.CompleteAsync(); // else the failed acceptor waits a grace period for it
        });
        ChannelException error = await acceptor.WaitAsync(ReceiveTimeout);
        await RawGrpc.DrainAsync(call.ResponseStream, bound.Token);

        output.WriteLine($"{kind}: {error.Message}");
        Assert.Contains($"session {session}", error.Message);
        Assert.DoesNotContain("timeout", error.Message);
        Assert.True(watch.Elapsed < ReceiveTimeout / 2, $"{kind}: took {watch.Elapsed} ({error.Message})");
    }

    /// <summary>The acceptor (party b) runs rounds of <see cref="PeerFrameFaults.MessageBytes"/> until its link fails, then aborts.</summary>
    private static Task<ChannelException> Acceptor(Task<IncomingExchange> expected, string session) =>
        Task.Factory.StartNew(() =>
        {
            PeerLink link = PeerConnector.AcceptAsync(expected, GrpcTwoParty.DefaultParameters(session, 1), ReceiveTimeout, CancellationToken.None)
                .GetAwaiter().GetResult();
            var message = new byte[PeerFrameFaults.MessageBytes];
            try
            {
                while (true)
                {
                    link.Channel.Exchange(message, message);
                }
            }
            catch (ChannelException e)
            {
                link.AbortAsync("its side of the job failed").GetAwaiter().GetResult();
                return e;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>A first frame that is no handshake is refused by the service, whatever it is.</summary>
    private static async Task GarbageFirstFrameAsync(GrpcChannel channel, Random random)
    {
        using var bound = new CancellationTokenSource(ReceiveTimeout);
        using AsyncDuplexStreamingCall<byte[], byte[]> call = RawGrpc.Open(channel, RawGrpc.PeerExchange, bound.Token);
        await WhileOpenAsync(() => call.RequestStream.WriteAsync(PeerFrameFaults.RandomBytes(random, random.Next(1, 100))));
        RpcException? refused = await RawGrpc.DrainAsync(call.ResponseStream, bound.Token);
        Assert.NotNull(refused);
        Assert.Contains(refused.StatusCode, new[] { StatusCode.InvalidArgument, StatusCode.NotFound });
    }

    private async Task DealerTrialAsync(LoopbackNetwork network, GrpcChannel channel, string session, Random random)
    {
        await network.DealerClientFor(1).OpenSessionAsync(session, 1, ReceiveTimeout, CancellationToken.None);
        using var bound = new CancellationTokenSource(ReceiveTimeout);
        using AsyncDuplexStreamingCall<byte[], byte[]> call = RawGrpc.Open(channel, RawGrpc.DealerCorrections, bound.Token);
        int valid = random.Next(0, 4);
        for (int sequence = 0; sequence < valid; sequence++)
        {
            await call.RequestStream.WriteAsync(Request(session, (ulong)sequence, random.Next(1, 100)).ToByteArray());
        }
        await WhileOpenAsync(() => call.RequestStream.WriteAsync(DealerFault(session, (ulong)valid, random)));
        RpcException? refused = await RawGrpc.DrainAsync(call.ResponseStream, bound.Token);
        Assert.NotNull(refused);
        output.WriteLine($"dealer: {refused.StatusCode}: {refused.Status.Detail}");
        Assert.Contains(refused.StatusCode, new[] { StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.ResourceExhausted });
    }

    private static CorrectionRequest Request(string session, ulong sequence, int count) =>
        CorrectionWire.ToWire(session, sequence, new CorrelationRequest(CorrelationKind.BeaverTriple64, count));

    private static byte[] DealerFault(string session, ulong sequence, Random random)
    {
        CorrectionRequest request = Request(session, sequence, random.Next(1, 100));
        switch (random.Next(8))
        {
            case 0: request.SessionId = "other-" + random.Next(); break;
            case 1: request.Sequence = sequence + 1 + (ulong)random.Next(0, 10); break;
            case 2: request.Kind = random.Next(2) == 0 ? -1 - random.Next(100) : 1000 + random.Next(); break;
            case 3: request.Count = -1 - random.Next(); break;
            case 4: request.Count = int.MaxValue; break;
            case 5: return PeerFrameFaults.RandomBytes(random, random.Next(1, 300));
            case 6: return request.ToByteArray()[..random.Next(1, 8)];
            default: request.SessionId = new string('s', 5 << 20); break;
        }
        return request.ToByteArray();
    }

    /// <summary>Writes of the raw client; the other side may have ended the call already (that is what is tested).</summary>
    private static async Task WhileOpenAsync(Func<Task> writes)
    {
        try
        {
            await writes();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or IOException)
        {
            // The call is over: the response stream says how.
        }
    }

    private static async Task WriteAllAsync(IClientStreamWriter<byte[]> writer, IEnumerable<byte[]> frames)
    {
        foreach (byte[] frame in frames)
        {
            await writer.WriteAsync(frame);
        }
    }

    private static async Task NormalSessionAsync(LoopbackNetwork network)
    {
        const int n = 500;
        var (x, x0, x1) = SplitShares.Random(n, 11, bits: 30);
        Func<PartySession, ulong[]> Party(ulong[] shares) => s =>
        {
            var product = new ulong[n];
            Multiplication.Multiply<ulong>(s, shares, shares, product);
            return product;
        };
        var (p0, p1) = await GrpcTwoParty.RunAsync(network, "after-the-barrage", Party(x0), Party(x1));
        ulong[] opened = SplitShares.Reconstruct(p0.Value, p1.Value);
        Assert.Equal(x.Select(v => v * v), opened);
    }
}
