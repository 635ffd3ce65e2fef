using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Microsoft.Extensions.Options;
using PrivClust.Net.Security;

namespace PrivClust.Net.Dealer;

/// <summary>
/// The dealer's transport security: only the two pinned parties connect; each may open only its own party
/// index of a session (so a party presenting itself as the other is refused, and no identity can hold both
/// seeds). With InsecureDev nothing is checked here (the connection stands in for the caller).
/// </summary>
public sealed class DealerTransport : IDisposable
{
    private readonly IdentityPin[]? _parties;

    public DealerTransport(IOptions<DealerOptions> options)
    {
        DealerOptions settings = options.Value;
        if (settings.Transport.InsecureDev)
        {
            Authorization = CallerAuthorization.AllowAll;
            return;
        }
        Credentials = TransportCredentials.Load(settings.Transport);
        _parties = [IdentityPin.Parse(settings.PartyA), IdentityPin.Parse(settings.PartyB)];
        Server = new ServerTls(Credentials, _parties);
        Authorization = new CallerAuthorization(new Dictionary<string, IReadOnlyList<IdentityPin>>(StringComparer.Ordinal)
        {
            ["privclust.v1.Dealer"] = _parties,
            ["grpc.health.v1.Health"] = CallerAuthorization.AnyAccepted,
        });
    }

    public TransportCredentials? Credentials { get; }
    public ServerTls? Server { get; }
    public CallerAuthorization Authorization { get; }

    /// <summary>Throws PermissionDenied unless the caller's certificate is the one pinned for <paramref name="partyIndex"/>.</summary>
    public void DemandPartyIndex(ServerCallContext context, int partyIndex)
    {
        if (_parties is null)
        {
            return;
        }
        X509Certificate2? certificate = context.GetHttpContext().Connection.ClientCertificate;
        if (certificate is null || !_parties[partyIndex].Matches(certificate))
        {
            string who = certificate?.GetNameInfo(X509NameType.SimpleName, false) ?? "(no certificate)";
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"Refused: the identity \"{who}\" may not open party index {partyIndex}; only {_parties[partyIndex]} may."));
        }
    }

    public void Dispose() => Credentials?.Dispose();
}
