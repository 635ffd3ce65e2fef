using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using PrivClust.Core.Channels;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Peer;

/// <summary>
/// <see cref="IChannel"/> over one side (client or server) of a peer Exchange stream, after the handshake.
/// One <see cref="Exchange"/> is one round with step number n (1, 2, ...): this party's message goes out as
/// DataFrames of step n (chunked, the last flagged) while the peer's frames of step n are taken from the
/// <see cref="FrameInbox{T}"/> that reads the stream in the background, and copied straight into the caller's
/// buffer. The write of a round is started, not awaited, before its receive, and checked after it, so a round
/// costs about one transport trip. Steps, session id and length are checked; a hang-up, an abort, a transport error or
/// the receive timeout fails the exchange with a <see cref="ChannelException"/>, and the job's cancellation
/// stops the wait without tearing the call down (so an abort frame can still tell the peer why). Like every
/// channel it belongs to one protocol thread.
/// </summary>
public sealed class GrpcPeerChannel : IChannel
{
    private readonly IAsyncStreamWriter<PeerFrame> _writer;
    private readonly FrameInbox<PeerFrame> _inbox;
    private readonly string _sessionId;
    private readonly TimeSpan _receiveTimeout;
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenSource _writes = new();
    private Task _pendingWrite = Task.CompletedTask;
    private readonly List<byte[]> _pendingPayloads = [];
    private string? _failure;

    public GrpcPeerChannel(IAsyncStreamReader<PeerFrame> reader, IAsyncStreamWriter<PeerFrame> writer, string sessionId,
        TimeSpan receiveTimeout, CancellationToken cancellation)
    {
        _writer = writer;
        _inbox = new FrameInbox<PeerFrame>(reader);
        _sessionId = sessionId;
        _receiveTimeout = receiveTimeout;
        _cancellation = cancellation;
        _inbox.Start();
    }

    /// <summary>Rounds completed or attempted so far (the step of the last exchange).</summary>
    public ulong Step { get; private set; }

    /// <summary>Why the link failed, or null while it is healthy.</summary>
    public string? Failure => _failure;

    /// <summary>The peer sent an abort frame: its job failed or was cancelled on purpose (so it will not resume).</summary>
    public bool PeerAborted { get; private set; }

    public void Exchange(ReadOnlySpan<byte> send, Span<byte> receive)
    {
        if (_failure is not null)
        {
            throw new ChannelException($"Session {_sessionId}: the link failed earlier ({_failure}).");
        }
        ulong step = ++Step;
        long deadline = Stopwatch.GetTimestamp() + (long)(_receiveTimeout.TotalSeconds * Stopwatch.Frequency);
        try
        {
            LinkCall.Wait(_pendingWrite, Remaining(deadline), Where(step), _cancellation);
            _pendingWrite = StartWrite(step, send);
            Receive(step, receive, deadline);
            // Our message has left by now (the peer's of the same round is here): this is only a check.
            LinkCall.Wait(_pendingWrite, Remaining(deadline), Where(step), _cancellation);
            ReturnPayloads();
        }
        catch (ChannelException e)
        {
            _failure = e.Message;
            throw;
        }
    }

    /// <summary>Tells the peer (best effort, after this side's last message) that this party gives up the session, and why.</summary>
    public async Task AbortAsync(string reason)
    {
        _failure ??= reason;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _pendingWrite.WaitAsync(timeout.Token);
            await _writer.WriteAsync(new PeerFrame { Abort = new Abort { Reason = reason } }, timeout.Token);
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // The link is already gone: the peer learns of the end from that.
        }
    }

    /// <summary>Waits (bounded) for this side's last write, so that ending the stream cuts nothing off.</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        try
        {
            await _pendingWrite.WaitAsync(timeout);
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException or OperationCanceledException or TimeoutException)
        {
            // Nothing more can be delivered.
        }
    }

    /// <summary>Waits (bounded) until the peer ends its side of the stream; false when it did not in time.</summary>
    public Task<bool> WaitForPeerEndAsync(TimeSpan timeout) => _inbox.WaitForEndAsync(timeout);

    /// <summary>Stops reading and writing (the link is being torn down).</summary>
    public void Stop()
    {
        _inbox.Stop();
        _writes.Cancel();
    }

    private string Where(ulong step) => $"Peer link of session {_sessionId}, step {step}";

    private static TimeSpan Remaining(long deadline) => Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);

    private Task StartWrite(ulong step, ReadOnlySpan<byte> send)
    {
        if (send.Length <= WireLimits.ChunkBytes)
        {
            return _writer.WriteAsync(DataFrame(step, send, last: true), _writes.Token);
        }
        var frames = new List<PeerFrame>(1 + send.Length / WireLimits.ChunkBytes);
        foreach ((int offset, int length, bool last) in PayloadChunks.Of(send.Length))
        {
            frames.Add(DataFrame(step, send.Slice(offset, length), last));
        }
        return SendAsync(frames);
    }

    /// <summary>A frame whose payload is a copy in a pooled array, given back once its write has completed (<see cref="ReturnPayloads"/>).</summary>
    private PeerFrame DataFrame(ulong step, ReadOnlySpan<byte> payload, bool last)
    {
        byte[] copy = WireBuffers.Pool.Rent(payload.Length);
        payload.CopyTo(copy);
        _pendingPayloads.Add(copy);
        ByteString wrapped = UnsafeByteOperations.UnsafeWrap(copy.AsMemory(0, payload.Length));
        return new PeerFrame { Data = new DataFrame { SessionId = _sessionId, Step = step, Payload = wrapped, LastChunk = last } };
    }

    /// <summary>After the round's write completed, gRPC holds no reference to its payloads (a failed round keeps them from the pool).</summary>
    private void ReturnPayloads()
    {
        foreach (byte[] payload in _pendingPayloads)
        {
            WireBuffers.Pool.Return(payload);
        }
        _pendingPayloads.Clear();
    }

    private async Task SendAsync(List<PeerFrame> frames)
    {
        foreach (PeerFrame frame in frames)
        {
            await _writer.WriteAsync(frame, _writes.Token);
        }
    }

    private void Receive(ulong step, Span<byte> receive, long deadline)
    {
        long received = 0;
        while (true)
        {
            DataFrame data = CheckedData(Next(step, deadline), step);
            ReadOnlySpan<byte> payload = data.Payload.Span;
            if (received + payload.Length > receive.Length)
            {
                string more = data.LastChunk ? "" : " or more";
                throw new ChannelException($"Protocol mismatch in session {_sessionId}, step {step}: expected a message of {receive.Length} bytes, the peer sent {received + payload.Length}{more}.");
            }
            payload.CopyTo(receive[(int)received..]);
            received += payload.Length;
            WireBuffers.Return(data.Payload);
            if (data.LastChunk)
            {
                break;
            }
        }
        if (received != receive.Length)
        {
            throw new ChannelException($"Protocol mismatch in session {_sessionId}, step {step}: expected a message of {receive.Length} bytes, the peer sent {received}.");
        }
    }

    private PeerFrame Next(ulong step, long deadline)
    {
        PeerFrame? frame;
        try
        {
            frame = _inbox.Take(Remaining(deadline), _cancellation);
        }
        catch (TimeoutException e)
        {
            throw LinkCall.Translate(e, _receiveTimeout, Where(step), _cancellation, timedOut: true);
        }
        catch (OperationCanceledException e)
        {
            throw LinkCall.Translate(e, _receiveTimeout, Where(step), _cancellation, timedOut: false);
        }
        return frame ?? throw (_inbox.Error is null
            ? new ChannelException($"{Where(step)}: the peer hung up (its side of the stream ended).")
            : LinkCall.Translate(_inbox.Error, _receiveTimeout, Where(step), CancellationToken.None, timedOut: false));
    }

    private ChannelException Aborted(string message)
    {
        PeerAborted = true;
        return new ChannelException(message);
    }

    private DataFrame CheckedData(PeerFrame frame, ulong step)
    {
        string where = Where(step);
        return frame.BodyCase switch
        {
            PeerFrame.BodyOneofCase.Abort => throw Aborted($"{where}: the peer aborted the session: {RequestStreams.Quoted(frame.Abort.Reason, 4 * RequestStreams.QuotedLength)}"),
            PeerFrame.BodyOneofCase.Data when frame.Data.SessionId != _sessionId =>
                throw new ChannelException($"{where}: a frame of another session ('{RequestStreams.Quoted(frame.Data.SessionId)}') arrived."),
            PeerFrame.BodyOneofCase.Data when frame.Data.Step != step =>
                throw new ChannelException($"{where}: a frame of step {frame.Data.Step} arrived out of order."),
            PeerFrame.BodyOneofCase.Data => frame.Data,
            _ => throw new ChannelException($"{where}: unexpected {frame.BodyCase} frame."),
        };
    }
}
