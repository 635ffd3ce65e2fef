using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace PrivClust.Net.Security;

/// <summary>
/// A daemon's TLS endpoint settings: its certificate, a client certificate required, and only client
/// certificates from the configured CA that match one of the identities this daemon accepts at all
/// (which service each identity may call is the <see cref="CallerAuthorizationInterceptor"/>'s decision).
/// </summary>
public sealed class ServerTls(TransportCredentials credentials, IReadOnlyList<IdentityPin> acceptedClients)
{
    public TransportCredentials Credentials { get; } = credentials;

    public IReadOnlyList<IdentityPin> AcceptedClients { get; } = acceptedClients;

    public HttpsConnectionAdapterOptions HttpsOptions() => new()
    {
        ServerCertificate = Credentials.Certificate,
        ClientCertificateMode = ClientCertificateMode.RequireCertificate,
        CheckCertificateRevocation = false,
        SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ClientCertificateValidation = (certificate, _, _) => Credentials.Accepts(certificate, AcceptedClients, asServer: false),
    };
}
