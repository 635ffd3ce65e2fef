using Grpc.Core;

namespace PrivClust.Net.Wire;

/// <summary>The plaintext-transport identity: the HTTP/2 connection the call arrived on.</summary>
public sealed class ConnectionCallerIdentity : ICallerIdentity
{
    public string Of(ServerCallContext context) =>
        "connection:" + (context.GetHttpContext().Connection.Id ?? context.Peer);
}
