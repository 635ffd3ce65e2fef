using Grpc.Core;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Peer;

/// <summary>
/// The Peer gRPC service of a party: proposals go to the <see cref="IProposalHandler"/>; an Exchange stream
/// is read up to the dialer's handshake, handed to the local job waiting for its session, and kept open
/// until that job is done with it.
/// </summary>
[BindServiceMethod(typeof(PeerServiceBinding), nameof(PeerServiceBinding.BindService))]
public sealed class PeerService(PeerSessionRegistry registry, IProposalHandler proposals) : Protos.V1.Peer.PeerBase
{
    public override Task<ProposeReply> Propose(ProposeRequest request, ServerCallContext context) =>
        proposals.HandleAsync(request, context.CancellationToken);

    public override async Task Exchange(IAsyncStreamReader<PeerFrame> requestStream, IServerStreamWriter<PeerFrame> responseStream, ServerCallContext context)
    {
        if (!await RequestStreams.MoveNextAsync(requestStream, context.CancellationToken))
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
        // The call ends when the local job finishes with it. When the dialer goes away first, the local job still
        // reads what arrived before (an abort frame names the reason) and then the end: the handler waits for the
        // job to let go of the stream, bounded, so that a request is never read after it completed.
        try
        {
            await incoming.Finished.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAny(incoming.Finished, Task.Delay(DialerGoneGrace, CancellationToken.None)).ConfigureAwait(false);
        }
    }

    /// <summary>How long the handler of a stream whose dialer went away waits for the local job to let go of it.</summary>
    public static readonly TimeSpan DialerGoneGrace = TimeSpan.FromSeconds(10);
}
