using Google.Protobuf;
using Grpc.Core;
using PrivClust.Core.Channels;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Peer;

/// <summary>
/// <see cref="IChannel"/> over one side (client or server) of a peer Exchange stream, after the handshake.
/// One <see cref="Exchange"/> is one round with step number n (1, 2, ...): this party's message goes out as
/// DataFrames of step n (chunked, the last flagged) while the peer's frames of step n are read and
/// reassembled. Steps, session id and length are checked; a hang-up, an abort, a transport error or the
/// receive timeout fails the exchange with a <see cref="ChannelException"/>. Like every channel it belongs
/// to one protocol thread.
/// </summary>
public sealed class GrpcPeerChannel : IChannel
{
    private readonly IAsyncStreamReader<PeerFrame> _reader;
    private readonly IAsyncStreamWriter<PeerFrame> _writer;
    private readonly string _sessionId;
    private readonly TimeSpan _receiveTimeout;
    private readonly CancellationToken _cancellation;
    private byte[] _inbox = new byte[256];
    private string? _failure;

    public GrpcPeerChannel(IAsyncStreamReader<PeerFrame> reader, IAsyncStreamWriter<PeerFrame> writer, string sessionId,
        TimeSpan receiveTimeout, CancellationToken cancellation)
    {
        _reader = reader;
        _writer = writer;
        _sessionId = sessionId;
        _receiveTimeout = receiveTimeout;
        _cancellation = cancellation;
    }

    /// <summary>Rounds completed or attempted so far (the step of the last exchange).</summary>
    public ulong Step { get; private set; }

    public void Exchange(ReadOnlySpan<byte> send, Span<byte> receive)
    {
        if (_failure is not null)
        {
            throw new ChannelException($"Session {_sessionId}: the link failed earlier ({_failure}).");
        }
        ulong step = ++Step;
        List<PeerFrame> frames = DataFrames(step, send);
        if (_inbox.Length < receive.Length)
        {
            _inbox = new byte[Math.Max(receive.Length, 2 * _inbox.Length)];
        }
        int expected = receive.Length;
        try
        {
            LinkCall.Run(ct => ExchangeAsync(frames, step, expected, ct), _receiveTimeout, $"Peer link of session {_sessionId}, step {step}", _cancellation);
        }
        catch (ChannelException e)
        {
            _failure = e.Message;
            throw;
        }
        _inbox.AsSpan(0, expected).CopyTo(receive);
    }

    /// <summary>Tells the peer (best effort) that this party gives up the session, and why.</summary>
    public async Task AbortAsync(string reason)
    {
        _failure ??= reason;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _writer.WriteAsync(new PeerFrame { Abort = new Abort { Reason = reason } }, timeout.Token);
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // The link is already gone: the peer learns of the end from that.
        }
    }

    private List<PeerFrame> DataFrames(ulong step, ReadOnlySpan<byte> send)
    {
        var frames = new List<PeerFrame>(1 + send.Length / WireLimits.ChunkBytes);
        foreach ((int offset, int length, bool last) in PayloadChunks.Of(send.Length))
        {
            frames.Add(new PeerFrame
            {
                Data = new DataFrame { SessionId = _sessionId, Step = step, Payload = ByteString.CopyFrom(send.Slice(offset, length)), LastChunk = last },
            });
        }
        return frames;
    }

    private async Task ExchangeAsync(List<PeerFrame> frames, ulong step, int expected, CancellationToken ct)
    {
        // Receive while sending: with large messages both sides write at once, and HTTP/2 flow control
        // would stall two writers that do not read.
        Task sending = SendAsync(frames, ct);
        try
        {
            await ReceiveAsync(step, expected, ct);
        }
        catch
        {
            // Let our message of the round reach the peer before the link is torn down, if it still can.
            await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None));
            throw;
        }
        await sending;
    }

    private async Task SendAsync(List<PeerFrame> frames, CancellationToken ct)
    {
        foreach (PeerFrame frame in frames)
        {
            await _writer.WriteAsync(frame, ct);
        }
    }

    private async Task ReceiveAsync(ulong step, int expected, CancellationToken ct)
    {
        long received = 0;
        while (true)
        {
            if (!await _reader.MoveNext(ct))
            {
                throw new ChannelException($"Peer link of session {_sessionId}, step {step}: the peer hung up (its side of the stream ended).");
            }
            DataFrame data = CheckedData(_reader.Current, step);
            ReadOnlySpan<byte> payload = data.Payload.Span;
            if (received + payload.Length <= expected)
            {
                payload.CopyTo(_inbox.AsSpan((int)received));
            }
            received += payload.Length;
            if (data.LastChunk)
            {
                break;
            }
        }
        if (received != expected)
        {
            throw new ChannelException($"Protocol mismatch in session {_sessionId}, step {step}: expected a message of {expected} bytes, the peer sent {received}.");
        }
    }

    private DataFrame CheckedData(PeerFrame frame, ulong step)
    {
        string where = $"Peer link of session {_sessionId}, step {step}";
        return frame.BodyCase switch
        {
            PeerFrame.BodyOneofCase.Abort => throw new ChannelException($"{where}: the peer aborted the session: {frame.Abort.Reason}"),
            PeerFrame.BodyOneofCase.Data when frame.Data.SessionId != _sessionId =>
                throw new ChannelException($"{where}: a frame of another session ('{frame.Data.SessionId}') arrived."),
            PeerFrame.BodyOneofCase.Data when frame.Data.Step != step =>
                throw new ChannelException($"{where}: a frame of step {frame.Data.Step} arrived out of order."),
            PeerFrame.BodyOneofCase.Data => frame.Data,
            _ => throw new ChannelException($"{where}: unexpected {frame.BodyCase} frame."),
        };
    }
}
