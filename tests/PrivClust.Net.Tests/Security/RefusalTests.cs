using System.Net.Security;
using Grpc.Core;
using Grpc.Net.Client;
using PrivClust.Core.Correlations;
using PrivClust.Net.Dealer;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Security;

/// <summary>Who is kept out: each refusal over real mutual TLS, and the daemon keeps serving the pinned identities afterwards.</summary>
public class RefusalTests
{
    private const string CsvA = "x,y\n1,10\n2,20\n3,30\n";
    private const string CsvB = "x,y\n5,50\n9,90\n";

    [Fact]
    public async Task A_client_without_a_certificate_is_refused_at_the_handshake()
    {
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB);
        var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
        using var anonymous = GrpcChannel.ForAddress(daemons.GrpcUrls[0], new GrpcChannelOptions { HttpHandler = handler });

        var refused = await Assert.ThrowsAsync<RpcException>(() => new Control.ControlClient(anonymous).ListAsync(new ListJobsRequest()).ResponseAsync);

        AssertRefusedAtHandshake(refused);
        await StillServes(daemons);
    }

    [Fact]
    public async Task A_certificate_from_another_ca_is_refused_even_with_a_pinned_name()
    {
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB);

        var refused = await Assert.ThrowsAsync<RpcException>(() => daemons.ControlAs(0, "operator", foreign: true).ListAsync(new ListJobsRequest()).ResponseAsync);
        var asPeer = await Assert.ThrowsAsync<RpcException>(() => new Protos.V1.Peer.PeerClient(daemons.Channel(daemons.GrpcUrls[0], "party-b", foreign: true))
            .ProposeAsync(new ProposeRequest { JobId = "x", SessionId = "x", Proposer = "b" }).ResponseAsync);

        AssertRefusedAtHandshake(refused);
        AssertRefusedAtHandshake(asPeer);
        await StillServes(daemons);
    }

    [Fact]
    public async Task A_valid_certificate_that_is_not_pinned_is_refused()
    {
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB);

        var stranger = await Assert.ThrowsAsync<RpcException>(() => daemons.ControlAs(0, "party-c").ListAsync(new ListJobsRequest()).ResponseAsync);
        var dealer = await Assert.ThrowsAsync<RpcException>(() => daemons.ControlAs(0, "dealer").ListAsync(new ListJobsRequest()).ResponseAsync);

        AssertRefusedAtHandshake(stranger);
        AssertRefusedAtHandshake(dealer);
        await StillServes(daemons);
    }

    [Fact]
    public async Task A_peer_calling_the_control_api_is_denied_and_an_operator_cannot_act_as_the_peer()
    {
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB);
        var spec = new JobSpec { Algorithm = Algorithm.Kmeans, Partition = Partition.Horizontal, K = 1, FractionalBits = 16, Columns = { "x", "y" } };

        var submit = await Assert.ThrowsAsync<RpcException>(() => daemons.ControlAs(0, "party-b").SubmitAsync(new SubmitRequest { Spec = spec }).ResponseAsync);
        var list = await Assert.ThrowsAsync<RpcException>(() => daemons.ControlAs(0, "party-b").ListAsync(new ListJobsRequest()).ResponseAsync);
        var propose = await Assert.ThrowsAsync<RpcException>(() => new Protos.V1.Peer.PeerClient(daemons.Channel(daemons.GrpcUrls[0], "operator"))
            .ProposeAsync(new ProposeRequest { JobId = "j", SessionId = "j", Proposer = "b", Spec = spec }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, submit.StatusCode);
        Assert.Contains("may not call privclust.v1.Control", submit.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, list.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, propose.StatusCode);
        Assert.Empty((await daemons.ControlOf(0).ListAsync(new ListJobsRequest())).Jobs);
        await StillServes(daemons);
    }

    [Fact]
    public async Task A_client_refuses_a_server_that_is_not_the_pinned_identity()
    {
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB);
        var client = new Control.ControlClient(Grpc.Net.Client.GrpcChannel.ForAddress(daemons.GrpcUrls[0], new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { SslOptions = TestCertificates.Client("operator", servers: "party-b").SslOptions("127.0.0.1") },
        }));

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.ListAsync(new ListJobsRequest()).ResponseAsync);

        AssertRefusedAtHandshake(refused);
    }

    [Fact]
    public async Task An_unknown_or_replayed_session_id_is_refused_by_the_peer()
    {
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB);
        var spec = new JobSpec { Algorithm = Algorithm.Kmeans, Partition = Partition.Horizontal, K = 1, FractionalBits = 16, Columns = { "x", "y" } };
        SubmitReply done = await daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = spec });
        Assert.Equal(JobState.Succeeded, (await daemons.WaitAsync(1, done.JobId, TimeSpan.FromSeconds(20))).State);
        var peer = new Protos.V1.Peer.PeerClient(daemons.Channel(daemons.GrpcUrls[1], "party-a"));

        foreach (string session in new[] { "never-proposed", done.JobId })
        {
            using var exchange = peer.Exchange();
            await exchange.RequestStream.WriteAsync(new PeerFrame { Handshake = new Handshake { SessionId = session, PartyIndex = 0, ProtocolVersion = 1 } });
            var refused = await Assert.ThrowsAsync<RpcException>(() => exchange.ResponseStream.MoveNext());
            Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        }
        var again = await peer.ProposeAsync(new ProposeRequest { JobId = done.JobId, SessionId = done.JobId, Proposer = "a", Spec = spec });
        Assert.False(again.Accepted);
        Assert.Contains("already known", again.Reason);
    }

    [Fact]
    public async Task A_party_presenting_as_the_other_party_or_a_third_party_gets_no_seed()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new RandomDealerSeedSource());
        var partyA = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-a"));
        var partyB = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-b"));

        var impersonation = await Assert.ThrowsAsync<RpcException>(() => partyA.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, impersonation.StatusCode);
        Assert.Contains("\"party-a\" may not open party index 1", impersonation.Status.Detail);
        foreach (string stranger in new[] { "party-c", "operator" })
        {
            var third = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, stranger));
            var refused = await Assert.ThrowsAsync<RpcException>(() => third.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 }).ResponseAsync);
            AssertRefusedAtHandshake(refused);
        }
        // The real parties still get one seed each, different ones; the session is theirs alone.
        OpenSessionReply seedA = await partyA.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 0 });
        OpenSessionReply seedB = await partyB.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 });
        Assert.NotEqual(seedA.Seed, seedB.Seed);
        var late = await Assert.ThrowsAsync<RpcException>(() => partyB.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, late.StatusCode);
    }

    [Fact]
    public async Task A_replayed_or_unknown_dealer_session_id_is_refused()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new RandomDealerSeedSource());
        var partyB = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-b"));

        using (var unknown = partyB.Corrections())
        {
            await unknown.RequestStream.WriteAsync(CorrectionWire.ToWire("never-opened", 0, new CorrelationRequest(CorrelationKind.BeaverTriple64, 4)));
            var refused = await Assert.ThrowsAsync<RpcException>(() => unknown.ResponseStream.MoveNext());
            Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        }
        await partyB.OpenSessionAsync(new OpenSessionRequest { SessionId = "used", PartyIndex = 1 });
        await using (var feed = new DealerCorrectionFeed(partyB, "used", TimeSpan.FromSeconds(5), CancellationToken.None))
        {
            feed.Read(new CorrelationRequest(CorrelationKind.BeaverTriple64, 4), new byte[32]);
        }
        var replay = await Assert.ThrowsAsync<RpcException>(() => partyB.OpenSessionAsync(new OpenSessionRequest { SessionId = "used", PartyIndex = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, replay.StatusCode);
    }

    /// <summary>The TLS handshake failed, so no service was reached (the client sees the connection fail).</summary>
    private static void AssertRefusedAtHandshake(RpcException e) =>
        Assert.True(e.StatusCode is StatusCode.Unavailable or StatusCode.Internal, $"{e.StatusCode}: {e.Status.Detail}");

    private static async Task StillServes(PartyDaemons daemons) =>
        Assert.NotNull(await daemons.ControlOf(0).ListAsync(new ListJobsRequest()));
}
