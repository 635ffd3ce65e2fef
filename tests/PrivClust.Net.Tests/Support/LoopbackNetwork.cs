using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrivClust.Net.Dealer;
using PrivClust.Net.Hosting;
using PrivClust.Net.Peer;
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
        network.Dealer = DealerHost.Build("http://127.0.0.1:0", configure: builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(seeds);
        });
        await network.StartAppAsync(network.Dealer);
        for (int party = 0; party < 2; party++)
        {
            WebApplication app = BuildPartyEndpoint(network.Registries[party]);
            await network.StartAppAsync(app);
            network.PartyEndpoints[party] = app;
            network.PartyAddresses[party] = app.BoundAddress();
        }
        return network;
    }

    public string DealerAddress => Dealer.BoundAddress();

    /// <summary>A new client channel (a new connection) to <paramref name="address"/>, closed with the network.</summary>
    public GrpcChannel Connect(string address)
    {
        GrpcChannel channel = GrpcChannels.Create(address, Transport);
        lock (_channels)
        {
            _channels.Add(channel);
        }
        return channel;
    }

    public DealerClient DealerClientFor() => new(new Protos.V1.Dealer.DealerClient(Connect(DealerAddress)));

    public Protos.V1.Peer.PeerClient PeerClientOf(int party) => new(Connect(PartyAddresses[party]));

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

    private static WebApplication BuildPartyEndpoint(PeerSessionRegistry registry)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.UseGrpcEndpoint("http://127.0.0.1:0");
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
