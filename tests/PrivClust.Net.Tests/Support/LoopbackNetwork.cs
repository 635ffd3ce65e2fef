using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrivClust.Net.Dealer;
using PrivClust.Net.Hosting;
using PrivClust.Net.Peer;
using PrivClust.Net.Security;
using Microsoft.Extensions.Configuration;
using PrivClust.Net.Wire;

namespace PrivClust.Net.Tests.Support;

/// <summary>
/// A dealer and two party endpoints (Peer service only) on loopback with ephemeral ports, in this process,
/// and client channels from each party to the other and to the dealer.
/// </summary>
internal sealed class LoopbackNetwork : IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];
    private readonly List<GrpcChannel> _channels = [];

    public WebApplication Dealer { get; private set; } = null!;
    public PeerSessionRegistry[] Registries { get; } = [new(), new()];
    public string[] PartyAddresses { get; } = new string[2];
    public WebApplication[] PartyEndpoints { get; } = new WebApplication[2];
    public TransportOptions Transport { get; } = new();

    public static async Task<LoopbackNetwork> StartAsync(IDealerSeedSource seeds, TimeSpan? receiveTimeout = null)
    {
        var network = new LoopbackNetwork();
        network.Transport.ReceiveTimeout = receiveTimeout ?? TimeSpan.FromSeconds(10);
        network.Dealer = DealerHost.Build("https://127.0.0.1:0", configure: builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(TestCertificates.Settings("Dealer", "dealer"));
            builder.Services.AddSingleton(seeds);
        });
        await network.StartAppAsync(network.Dealer);
        for (int party = 0; party < 2; party++)
        {
            WebApplication app = BuildPartyEndpoint(network.Registries[party], party);
            await network.StartAppAsync(app);
            network.PartyEndpoints[party] = app;
            network.PartyAddresses[party] = app.BoundAddress();
        }
        return network;
    }

    public string DealerAddress => Dealer.BoundAddress();

    /// <summary>A new client channel (a new connection) to <paramref name="address"/> as <paramref name="role"/>, closed with the network.</summary>
    public GrpcChannel Connect(string address, string role, bool foreign = false)
    {
        GrpcChannel channel = GrpcChannels.Create(address, Transport, TestCertificates.Client(role, foreign));
        lock (_channels)
        {
            _channels.Add(channel);
        }
        return channel;
    }

    public static string RoleOf(int party) => "party-" + "ab"[party];

    /// <summary>A dealer client with <paramref name="party"/>'s certificate.</summary>
    public DealerClient DealerClientFor(int party) =>
        new(new Protos.V1.Dealer.DealerClient(Connect(DealerAddress, RoleOf(party)).Intercept(new PooledPayloadsInterceptor())));

    /// <summary>A client of <paramref name="party"/>'s Peer service, with the other party's certificate.</summary>
    public Protos.V1.Peer.PeerClient PeerClientOf(int party) => new(Connect(PartyAddresses[party], RoleOf(1 - party)).Intercept(new PooledPayloadsInterceptor()));

    public static async Task StopAsync(WebApplication app)
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await app.StopAsync(grace.Token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (GrpcChannel channel in _channels)
        {
            channel.Dispose();
        }
        foreach (WebApplication app in _apps)
        {
            await StopAsync(app);
            await app.DisposeAsync();
        }
    }

    private static WebApplication BuildPartyEndpoint(PeerSessionRegistry registry, int party)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.UseGrpcEndpoint("https://127.0.0.1:0");
        var credentials = TransportCredentials.Load(TestCertificates.Transport(RoleOf(party)));
        IdentityPin[] peer = [IdentityPin.Parse(RoleOf(1 - party))];
        builder.Services.AddTransportSecurity("party endpoint", _ => new ServerTls(credentials, peer),
            _ => new CallerAuthorization(new Dictionary<string, IReadOnlyList<IdentityPin>> { ["privclust.v1.Peer"] = peer }), _ => false);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton<IProposalHandler, StubProposalHandler>();
        builder.Services.AddPrivClustGrpc();
        WebApplication app = builder.Build();
        app.MapGrpcService<PeerService>();
        return app;
    }

    private async Task StartAppAsync(WebApplication app)
    {
        await app.StartAsync();
        _apps.Add(app);
    }
}
