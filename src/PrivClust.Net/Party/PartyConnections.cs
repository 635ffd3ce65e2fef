using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using PrivClust.Net.Dealer;
using PrivClust.Net.Wire;

namespace PrivClust.Net.Party;

/// <summary>This party's outgoing channels: one to the peer, one to the dealer, shared by all jobs.</summary>
public sealed class PartyConnections : IDisposable
{
    private readonly GrpcChannel _peer;
    private readonly GrpcChannel _dealer;

    public PartyConnections(IOptions<PartyOptions> options, PartyTransport transport)
    {
        PartyOptions settings = options.Value;
        _peer = GrpcChannels.Create(settings.PeerUrl, settings.Transport, transport.ForPeer);
        _dealer = GrpcChannels.Create(settings.DealerUrl, settings.Transport, transport.ForDealer);
        Peer = new Protos.V1.Peer.PeerClient(_peer.Intercept(new PooledPayloadsInterceptor()));
        Dealer = new DealerClient(new Protos.V1.Dealer.DealerClient(_dealer.Intercept(new PooledPayloadsInterceptor())));
        PeerHealth = new Health.HealthClient(_peer);
        DealerHealth = new Health.HealthClient(_dealer);
    }

    public Protos.V1.Peer.PeerClient Peer { get; }
    public DealerClient Dealer { get; }
    public Health.HealthClient PeerHealth { get; }
    public Health.HealthClient DealerHealth { get; }

    public void Dispose()
    {
        _peer.Dispose();
        _dealer.Dispose();
    }
}
