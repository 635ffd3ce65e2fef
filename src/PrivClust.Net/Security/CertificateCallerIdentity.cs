using Grpc.Core;
using PrivClust.Net.Wire;

namespace PrivClust.Net.Security;

/// <summary>The mutual-TLS identity of a caller: the SHA-256 thumbprint of its (validated, pinned) client certificate.</summary>
public sealed class CertificateCallerIdentity : ICallerIdentity
{
    public string Of(ServerCallContext context)
    {
        var certificate = context.GetHttpContext().Connection.ClientCertificate
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "No client certificate."));
        return "cert:" + IdentityPin.Thumbprint(certificate);
    }
}
