using Grpc.Core;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Peer;

/// <summary>
/// The Peer gRPC service of a party: proposals go to the <see cref="IProposalHandler"/>; an Exchange stream
/// is read up to the dialer's handshake, handed to the local job waiting for its session, and kept open
/// until that job is done with it.
/// </summary>
public sealed class PeerService(PeerSessionRegistry registry, IProposalHandler proposals) : Protos.V1.Peer.PeerBase
{
    public override Task<ProposeReply> Propose(ProposeRequest request, ServerCallContext context) =>
        proposals.HandleAsync(request, context.CancellationToken);

    public override async Task Exchange(IAsyncStreamReader<PeerFrame> requestStream, IServerStreamWriter<PeerFrame> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken))
        {
            return;
        }
        PeerFrame first = requestStream.Current;
        if (first.BodyCase != PeerFrame.BodyOneofCase.Handshake)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The first frame of an Exchange stream must be a handshake."));
        }
        string sessionId = first.Handshake.SessionId;
        if (sessionId.Length is 0 or > WireLimits.MaxIdLength)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The handshake names no valid session id."));
        }
        var incoming = new IncomingExchange(first.Handshake, requestStream, responseStream);
        if (!registry.TryDeliver(sessionId, incoming))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"No job here waits for session {sessionId}: unknown, finished or already connected."));
        }
        // The call ends when the local job finishes with it, or when the dialer goes away.
        await incoming.Finished.WaitAsync(context.CancellationToken).ConfigureAwait(false);
    }
}
