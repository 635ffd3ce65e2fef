using Grpc.Core;
using Microsoft.Extensions.Options;
using PrivClust.Core.Correlations;
using PrivClust.Net.Dealer;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Dealer;

/// <summary>The dealer's session rules, over gRPC (each client presents a party's certificate; the certificate is the caller).</summary>
public class DealerServiceTests
{
    [Fact]
    public async Task A_party_index_opens_a_session_only_once()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new RandomDealerSeedSource());
        var first = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-a"));
        var second = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-a"));
        OpenSessionReply seed = await first.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 0 });
        Assert.Equal(16, seed.Seed.Length);

        var refused = await Assert.ThrowsAsync<RpcException>(() => second.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 0 }).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, refused.StatusCode);
        Assert.Contains("Party index 0 already opened session s", refused.Status.Detail);
    }

    [Fact]
    public async Task One_caller_never_gets_both_seeds_of_a_session()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new RandomDealerSeedSource());
        var caller = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-b"));
        await caller.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 });

        var refused = await Assert.ThrowsAsync<RpcException>(() => caller.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 0 }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task Only_party_b_reads_corrections_and_a_closed_session_id_is_not_reused()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new RandomDealerSeedSource());
        var partyA = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-a"));
        var partyB = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-b"));
        await partyA.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 0 });
        await partyB.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 });

        using (var stolen = partyA.Corrections())
        {
            await stolen.RequestStream.WriteAsync(CorrectionWire.ToWire("s", 0, new CorrelationRequest(CorrelationKind.BeaverTriple64, 4)));
            var refused = await Assert.ThrowsAsync<RpcException>(() => stolen.ResponseStream.MoveNext());
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        }
        await using (var feed = new DealerCorrectionFeed(partyB, "s", TimeSpan.FromSeconds(5), CancellationToken.None))
        {
            var corrections = new byte[32];
            feed.Read(new CorrelationRequest(CorrelationKind.BeaverTriple64, 4), corrections);
            feed.Read(new CorrelationRequest(CorrelationKind.MatrixMask, 1, 0, 3, 2), []);
            Assert.Equal(2UL, feed.Requests);
        }
        var replay = await Assert.ThrowsAsync<RpcException>(() => partyB.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, replay.StatusCode);
    }

    [Fact]
    public async Task A_batch_of_requests_in_one_message_is_answered_in_order_with_the_small_answers_gathered()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new RandomDealerSeedSource());
        (Protos.V1.Dealer.DealerClient partyB, byte[] seed0, byte[] seed1) = await OpenBothAsync(network);
        CorrelationRequest[] requests = [new(CorrelationKind.BeaverTriple64, 4), new(CorrelationKind.DaBit64, 70), new(CorrelationKind.SquarePair, 3)];
        var carrier = new CorrectionRequest { SessionId = "s" };
        carrier.Batch.Add(CorrectionWire.ToWire("s", 0, requests[0]));
        carrier.Batch.Add(new CorrectionRequest { SessionId = "s", Sequence = 1, Mark = true });
        carrier.Batch.Add(CorrectionWire.ToWire("s", 2, requests[1]));
        carrier.Batch.Add(CorrectionWire.ToWire("s", 3, requests[2]));
        using (var stream = partyB.Corrections())
        {
            await stream.RequestStream.WriteAsync(carrier);
            var generator = new DealerGenerator(seed0, seed1);
            // The small answers come back gathered in one message, in order.
            Assert.True(await stream.ResponseStream.MoveNext());
            var answers = new Queue<CorrectionChunk>(stream.ResponseStream.Current.Batch);
            Assert.Equal(4, answers.Count);
            foreach ((ulong sequence, CorrelationRequest? request) in new (ulong, CorrelationRequest?)[] { (0, requests[0]), (1, null), (2, requests[1]), (3, requests[2]) })
            {
                CorrectionChunk chunk = answers.Dequeue();
                Assert.Equal(sequence, chunk.Sequence);
                Assert.True(chunk.Last);
                byte[] expected = request is { } r ? new byte[r.CorrectionBytes] : [];
                if (request is { } generated)
                {
                    generator.Generate(generated, expected);
                }
                Assert.Equal(expected, chunk.Data.ToByteArray());
            }
            // Out of order inside a batch: refused like a single message.
            var wrong = new CorrectionRequest { SessionId = "s" };
            wrong.Batch.Add(CorrectionWire.ToWire("s", 5, requests[0]));
            await stream.RequestStream.WriteAsync(wrong);
            var refused = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext());
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Contains("expected session s, sequence 4", refused.Status.Detail);
        }
    }

    [Fact]
    public async Task Answers_too_big_to_gather_go_alone_and_the_feed_reads_every_answer_in_order()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new RandomDealerSeedSource());
        (Protos.V1.Dealer.DealerClient partyB, byte[] seed0, byte[] seed1) = await OpenBothAsync(network);
        int big = GatheredAnswers.MaxBytes / 8 + 1;
        CorrelationRequest[] plan = [new(CorrelationKind.BeaverTriple64, 4), new(CorrelationKind.BeaverTriple64, 5), new(CorrelationKind.DaBit64, big),
            new(CorrelationKind.SquarePair, 3), new(CorrelationKind.DaBit64, 70)];
        var generator = new DealerGenerator(seed0, seed1);
        await using var feed = new DealerCorrectionFeed(partyB, "s", TimeSpan.FromSeconds(10), CancellationToken.None);
        feed.Prefetch(plan);
        foreach (CorrelationRequest request in plan)
        {
            byte[] expected = new byte[request.CorrectionBytes], actual = new byte[request.CorrectionBytes];
            generator.Generate(request, expected);
            feed.Read(request, actual);
            Assert.Equal(expected, actual);
        }
        Assert.Equal((ulong)plan.Length, feed.Requests);
    }

    [Fact]
    public async Task A_batch_larger_than_the_limit_is_refused()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new RandomDealerSeedSource());
        (Protos.V1.Dealer.DealerClient partyB, _, _) = await OpenBothAsync(network);
        var carrier = new CorrectionRequest { SessionId = "s" };
        for (int i = 0; i <= PrivClust.Net.Wire.WireLimits.MaxCorrectionBatch; i++)
        {
            carrier.Batch.Add(CorrectionWire.ToWire("s", (ulong)i, new CorrelationRequest(CorrelationKind.BeaverTriple64, 1)));
        }
        using var stream = partyB.Corrections();
        await stream.RequestStream.WriteAsync(carrier);
        var refused = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains($"at most {PrivClust.Net.Wire.WireLimits.MaxCorrectionBatch}", refused.Status.Detail);
    }

    /// <summary>Session "s" opened by both parties: party b's client and the two seeds.</summary>
    private static async Task<(Protos.V1.Dealer.DealerClient PartyB, byte[] Seed0, byte[] Seed1)> OpenBothAsync(LoopbackNetwork network)
    {
        var partyA = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-a"));
        var partyB = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-b"));
        byte[] seed0 = (await partyA.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 0 })).Seed.ToByteArray();
        byte[] seed1 = (await partyB.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 })).Seed.ToByteArray();
        return (partyB, seed0, seed1);
    }

    [Fact]
    public void Idle_sessions_expire_and_their_ids_stay_refused()
    {
        var clock = new ManualClock();
        var options = Options.Create(new DealerOptions { SessionIdleTimeout = TimeSpan.FromMinutes(1) });
        var store = new DealerSessionStore(new RandomDealerSeedSource(), options, clock);
        store.Open("old", 0, "a");
        clock.Advance(TimeSpan.FromSeconds(50));
        store.Open("new", 0, "a");
        clock.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(1, store.RemoveExpired());

        Assert.Equal(1, store.OpenSessions);
        var refused = Assert.Throws<RpcException>(() => store.Open("old", 1, "b"));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        store.Open("new", 1, "b");
    }
}
