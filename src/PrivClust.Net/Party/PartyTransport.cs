using Microsoft.Extensions.Options;
using PrivClust.Net.Security;

namespace PrivClust.Net.Party;

/// <summary>
/// A party's transport security from its options: the TLS endpoint (the peer and the operators may
/// connect), the authorisation of each service (Peer: the peer; Control: the operators; health: both), and
/// the client side of its links to the peer and the dealer. All null/allow-all with InsecureDev.
/// </summary>
public sealed class PartyTransport : IDisposable
{
    public PartyTransport(IOptions<PartyOptions> options)
    {
        PartyOptions settings = options.Value;
        if (settings.Transport.InsecureDev)
        {
            Authorization = CallerAuthorization.AllowAll;
            return;
        }
        Credentials = TransportCredentials.Load(settings.Transport);
        IdentityPin peer = IdentityPin.Parse(settings.Pins.Peer ?? DefaultPeer(settings));
        IdentityPin[] operators = [.. settings.Pins.OperatorsOrDefault.Select(IdentityPin.Parse)];
        Server = new ServerTls(Credentials, [peer, .. operators]);
        ForPeer = new ClientTls(Credentials, [peer]);
        ForDealer = new ClientTls(Credentials, [IdentityPin.Parse(settings.Pins.Dealer)]);
        Authorization = new CallerAuthorization(new Dictionary<string, IReadOnlyList<IdentityPin>>(StringComparer.Ordinal)
        {
            ["privclust.v1.Peer"] = [peer],
            ["privclust.v1.Control"] = operators,
            ["privclust.v1.ControlResults"] = operators, // kmeans/meanshift/elbow --out fetch the result through it
            ["grpc.health.v1.Health"] = CallerAuthorization.AnyAccepted,
        });
    }

    public TransportCredentials? Credentials { get; }
    public ServerTls? Server { get; }
    public ClientTls? ForPeer { get; }
    public ClientTls? ForDealer { get; }
    public CallerAuthorization Authorization { get; }

    public static string DefaultPeer(PartyOptions settings) => "party-" + settings.PeerName;

    public void Dispose() => Credentials?.Dispose();
}
