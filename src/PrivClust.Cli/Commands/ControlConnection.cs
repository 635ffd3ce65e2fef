using Grpc.Net.Client;
using PrivClust.Net.Security;

namespace PrivClust.Cli.Commands;

/// <summary>A channel to a party daemon and the credentials it uses, disposed together.</summary>
public sealed class ControlConnection(GrpcChannel channel, TransportCredentials? credentials) : IDisposable
{
    public GrpcChannel Channel { get; } = channel;

    public void Dispose()
    {
        Channel.Dispose();
        credentials?.Dispose();
    }
}
