using System.Security.Cryptography.X509Certificates;
using Grpc.Core;

namespace PrivClust.Net.Security;

/// <summary>
/// Which pinned identities may call which gRPC service of a daemon (e.g. a party's Peer service: the peer;
/// its Control service: the operators). A service not listed is refused; <see cref="AnyAccepted"/> lets every
/// identity the TLS endpoint accepted call it (health).
/// </summary>
public sealed class CallerAuthorization(IReadOnlyDictionary<string, IReadOnlyList<IdentityPin>>? rules)
{
    /// <summary>No checks: the plaintext insecure-dev transport, which has no identities.</summary>
    public static CallerAuthorization AllowAll { get; } = new(null);

    /// <summary>Marker for services every accepted identity may call.</summary>
    public static readonly IReadOnlyList<IdentityPin> AnyAccepted = [];

    /// <summary>Null when allowed, else why not.</summary>
    public string? Refusal(string method, X509Certificate2? certificate)
    {
        if (rules is null)
        {
            return null;
        }
        if (certificate is null)
        {
            return "no client certificate";
        }
        string service = ServiceOf(method);
        if (!rules.TryGetValue(service, out IReadOnlyList<IdentityPin>? pins))
        {
            return $"service {service} is not open to any caller";
        }
        if (ReferenceEquals(pins, AnyAccepted) || pins.Any(p => p.Matches(certificate)))
        {
            return null;
        }
        return $"the identity \"{certificate.GetNameInfo(X509NameType.SimpleName, false)}\" may not call {service} (accepted: {string.Join(", ", pins)})";
    }

    /// <summary>"/privclust.v1.Peer/Exchange" → "privclust.v1.Peer".</summary>
    public static string ServiceOf(string method)
    {
        string trimmed = method.TrimStart('/');
        int slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? trimmed : trimmed[..slash];
    }

    /// <summary>Throws PermissionDenied unless the call's client certificate may call its service.</summary>
    public void Demand(ServerCallContext context)
    {
        X509Certificate2? certificate = context.GetHttpContext().Connection.ClientCertificate;
        if (Refusal(context.Method, certificate) is { } reason)
        {
            throw new RpcException(new Status(certificate is null ? StatusCode.Unauthenticated : StatusCode.PermissionDenied, "Refused: " + reason + "."));
        }
    }
}
