using System.Security.Cryptography;
using Grpc.Core;
using PrivClust.Core.Channels;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Peer;

/// <summary>
/// Establishes a session link. The proposer of a job dials the other party's Exchange
/// (<see cref="DialAsync"/>); the other party accepts it through its <see cref="PeerSessionRegistry"/>
/// (<see cref="AcceptAsync"/>). Each side sends its handshake, checks the other's and derives the common seed.
/// </summary>
public static class PeerConnector
{
    public static async Task<PeerLink> DialAsync(Protos.V1.Peer.PeerClient peer, SessionParameters local, TimeSpan timeout, CancellationToken cancellation)
    {
        byte[] contribution = RandomNumberGenerator.GetBytes(WireLimits.SeedBytes);
        // The call is not bound to the job's cancellation: cancelling it would reset the stream before an abort
        // frame could tell the peer why. The handshake's waits and every round's wait honour the cancellation.
        AsyncDuplexStreamingCall<PeerFrame, PeerFrame> call = peer.Exchange(cancellationToken: CancellationToken.None);
        try
        {
            Handshake remote = await SendAndReceiveHandshakeAsync(call.ResponseStream, call.RequestStream, local, contribution, timeout, cancellation);
            PeerHandshake.Validate(local, remote);
            var channel = new GrpcPeerChannel(call.ResponseStream, call.RequestStream, local.SessionId, timeout, cancellation);
            byte[] common = PeerHandshake.CommonSeed(local.PartyIndex, contribution, remote.SeedContribution.Span);
            return new PeerLink(channel, common, TableShape.FromWire(remote.Shape) ?? default, () => CloseDialedAsync(call, channel, timeout), Checkpoint(remote));
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    public static async Task<PeerLink> AcceptAsync(Task<IncomingExchange> expected, SessionParameters local, TimeSpan timeout, CancellationToken cancellation)
    {
        IncomingExchange incoming;
        try
        {
            incoming = await expected.WaitAsync(timeout, cancellation);
        }
        catch (TimeoutException e)
        {
            throw new ChannelException($"Session {local.SessionId}: the peer did not connect within {timeout.TotalSeconds:0.###} s.", e);
        }
        try
        {
            byte[] contribution = RandomNumberGenerator.GetBytes(WireLimits.SeedBytes);
            await SendHandshakeAsync(incoming.Writer, local, contribution, timeout, cancellation);
            PeerHandshake.Validate(local, incoming.Remote);
            var channel = new GrpcPeerChannel(incoming.Reader, incoming.Writer, local.SessionId, timeout, cancellation);
            byte[] common = PeerHandshake.CommonSeed(local.PartyIndex, contribution, incoming.Remote.SeedContribution.Span);
            return new PeerLink(channel, common, TableShape.FromWire(incoming.Remote.Shape) ?? default, () => CloseAcceptedAsync(incoming, channel, timeout),
                Checkpoint(incoming.Remote));
        }
        catch
        {
            incoming.Finish();
            throw;
        }
    }

    /// <summary>
    /// Dials until the peer's session takes the stream (after its restart it registers the session again) or
    /// <paramref name="within"/> has passed; the last failure is thrown then.
    /// </summary>
    public static async Task<PeerLink> RedialAsync(Protos.V1.Peer.PeerClient peer, SessionParameters local, TimeSpan timeout, TimeSpan within,
        CancellationToken cancellation)
    {
        DateTime giveUp = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                return await DialAsync(peer, local, timeout, cancellation);
            }
            catch (Exception e) when (e is ChannelException or RpcException && DateTime.UtcNow + RedialPause < giveUp && !cancellation.IsCancellationRequested)
            {
                await Task.Delay(RedialPause, cancellation);
            }
        }
    }

    private static readonly TimeSpan RedialPause = TimeSpan.FromMilliseconds(200);

    private static long? Checkpoint(Handshake remote) => remote.Resuming ? remote.LastCheckpoint : null;

    private static async Task<Handshake> SendAndReceiveHandshakeAsync(IAsyncStreamReader<PeerFrame> reader, IAsyncStreamWriter<PeerFrame> writer,
        SessionParameters local, byte[] contribution, TimeSpan timeout, CancellationToken cancellation)
    {
        await SendHandshakeAsync(writer, local, contribution, timeout, cancellation);
        Handshake? remote = null;
        await LinkCall.RunAsync(async ct =>
        {
            if (!await reader.MoveNext(ct))
            {
                throw new ChannelException($"Session {local.SessionId}: the peer ended the stream before its handshake.");
            }
            remote = reader.Current.BodyCase switch
            {
                PeerFrame.BodyOneofCase.Handshake => reader.Current.Handshake,
                PeerFrame.BodyOneofCase.Abort => throw new ChannelException($"Session {local.SessionId}: the peer refused the link: {reader.Current.Abort.Reason}"),
                _ => throw new ChannelException($"Session {local.SessionId}: the peer's first frame is not a handshake."),
            };
        }, timeout, $"Handshake of session {local.SessionId}", cancellation);
        return remote!;
    }

    private static Task SendHandshakeAsync(IAsyncStreamWriter<PeerFrame> writer, SessionParameters local, byte[] contribution, TimeSpan timeout, CancellationToken cancellation)
    {
        PeerFrame frame = PeerHandshake.Frame(local, contribution);
        return LinkCall.RunAsync(ct => writer.WriteAsync(frame, ct), timeout, $"Handshake of session {local.SessionId}", cancellation);
    }

    /// <summary>How long a failed link waits for the peer's side to end (a healthy one waits up to the receive timeout).</summary>
    private static readonly TimeSpan FailedCloseGrace = TimeSpan.FromSeconds(2);

    private static TimeSpan CloseGrace(GrpcPeerChannel channel, TimeSpan timeout) =>
        channel.Failure is null ? timeout : (timeout < FailedCloseGrace ? timeout : FailedCloseGrace);

    private static async ValueTask CloseDialedAsync(AsyncDuplexStreamingCall<PeerFrame, PeerFrame> call, GrpcPeerChannel channel, TimeSpan timeout)
    {
        // End our side gracefully, then let the peer end its side, so no frame in flight is cut off.
        TimeSpan grace = CloseGrace(channel, timeout);
        try
        {
            await channel.FlushAsync(grace);
            await call.RequestStream.CompleteAsync();
            await channel.WaitForPeerEndAsync(grace);
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // The peer is gone already; nothing is left to deliver.
        }
        finally
        {
            channel.Stop();
            call.Dispose();
        }
    }

    private static async ValueTask CloseAcceptedAsync(IncomingExchange incoming, GrpcPeerChannel channel, TimeSpan timeout)
    {
        // Our last frames (an abort frame, after a failure) go out first; then the dialer ends its side (it does so
        // without waiting for ours) and only then the call ends: a gRPC client whose call ends while it still
        // sends may drop what it had not read yet, the abort frame included.
        TimeSpan grace = CloseGrace(channel, timeout);
        await channel.FlushAsync(grace);
        await channel.WaitForPeerEndAsync(grace < FailedCloseGrace ? grace : FailedCloseGrace);
        incoming.Finish();
        channel.Stop();
    }
}
