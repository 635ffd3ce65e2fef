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
