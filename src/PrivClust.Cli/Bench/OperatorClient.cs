using Grpc.Net.Client;
using PrivClust.Cli.Commands;
using PrivClust.Net.Security;
using PrivClust.Net.Wire;

namespace PrivClust.Cli.Bench;

/// <summary>The operator's control connection to one party daemon of the benchmark (mutual TLS with operator.pem, the party pinned).</summary>
public static class OperatorClient
{
    public static ControlConnection Open(string address, string certificates, string party)
    {
        TransportOptions transport = DevCertificates.Transport(certificates, "operator");
        TransportCredentials credentials = TransportCredentials.Load(transport);
        GrpcChannel channel = GrpcChannels.Create(address, transport, new ClientTls(credentials, [IdentityPin.Parse("party-" + party)]));
        return new ControlConnection(channel, credentials);
    }
}
