using Grpc.Core;

namespace PrivClust.Net.Wire;

/// <summary>
/// Who is calling a service. Over plaintext HTTP/2 the best there is is the connection; with mutual TLS
/// (issue 5) it becomes the client certificate's pinned identity. Services decide on this, never on a
/// name the caller claims in a message.
/// </summary>
public interface ICallerIdentity
{
    string Of(ServerCallContext context);
}
