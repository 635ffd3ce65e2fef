using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace PrivClust.Net.Security;

/// <summary>
/// An outgoing link's TLS: this side presents its certificate, and accepts the server only when its
/// certificate chains to the configured CA and matches one of the pinned identities (host names are not
/// what is checked; the pin is).
/// </summary>
public sealed class ClientTls(TransportCredentials credentials, IReadOnlyList<IdentityPin> acceptedServers)
{
    public IReadOnlyList<IdentityPin> AcceptedServers { get; } = acceptedServers;

    public SslClientAuthenticationOptions SslOptions(string targetHost) => new()
    {
        TargetHost = targetHost,
        ClientCertificates = new X509CertificateCollection { credentials.Certificate },
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 server && credentials.Accepts(server, AcceptedServers, asServer: true),
    };
}
