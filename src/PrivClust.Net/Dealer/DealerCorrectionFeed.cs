using Grpc.Core;
using PrivClust.Core.Channels;
using PrivClust.Core.Correlations;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Dealer;

/// <summary>
/// Party b's <see cref="ICorrectionFeed"/> over the dealer's Corrections stream: each read sends the
/// request (also the 0-byte ones, which make the dealer remember a matrix mask) and reassembles the chunks
/// of the answer. Failures and the timeout surface as <see cref="ChannelException"/>.
/// </summary>
public sealed class DealerCorrectionFeed : ICorrectionFeed, IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<CorrectionRequest, CorrectionChunk> _call;
    private readonly string _sessionId;
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _cancellation;
    private byte[] _buffer = new byte[256];
    private ulong _sequence;

    public DealerCorrectionFeed(Protos.V1.Dealer.DealerClient dealer, string sessionId, TimeSpan timeout, CancellationToken cancellation)
    {
        _call = dealer.Corrections(cancellationToken: cancellation);
        _sessionId = sessionId;
        _timeout = timeout;
        _cancellation = cancellation;
    }

    /// <summary>Correction bytes received so far.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Requests answered so far.</summary>
    public ulong Requests => _sequence;

    public void Read(in CorrelationRequest request, Span<byte> corrections)
    {
        if (corrections.Length != request.CorrectionBytes)
        {
            throw new ArgumentException($"{request.Kind}: expected a buffer of {request.CorrectionBytes} bytes, got {corrections.Length}.");
        }
        if (_buffer.Length < corrections.Length)
        {
            _buffer = new byte[Math.Max(corrections.Length, 2 * _buffer.Length)];
        }
        ulong sequence = _sequence++;
        CorrectionRequest message = CorrectionWire.ToWire(_sessionId, sequence, request);
        int expected = corrections.Length;
        LinkCall.Run(ct => RoundTripAsync(message, expected, ct), _timeout, $"Dealer link of session {_sessionId}, request {sequence}", _cancellation);
        _buffer.AsSpan(0, expected).CopyTo(corrections);
        BytesReceived += expected;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _call.RequestStream.CompleteAsync();
            using var bounded = new CancellationTokenSource(_timeout);
            while (await _call.ResponseStream.MoveNext(bounded.Token))
            {
            }
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // The dealer is gone already; the session was complete or is failing anyway.
        }
        finally
        {
            _call.Dispose();
        }
    }

    private async Task RoundTripAsync(CorrectionRequest message, int expected, CancellationToken ct)
    {
        await _call.RequestStream.WriteAsync(message, ct);
        long received = 0;
        while (true)
        {
            if (!await _call.ResponseStream.MoveNext(ct))
            {
                throw new ChannelException($"Dealer link of session {_sessionId}: the dealer ended the correction stream.");
            }
            CorrectionChunk chunk = _call.ResponseStream.Current;
            if (chunk.Sequence != message.Sequence)
            {
                throw new ChannelException($"Dealer link of session {_sessionId}: an answer to request {chunk.Sequence} arrived while waiting for {message.Sequence}.");
            }
            if (received + chunk.Data.Length <= expected)
            {
                chunk.Data.Span.CopyTo(_buffer.AsSpan((int)received));
            }
            received += chunk.Data.Length;
            if (chunk.Last)
            {
                break;
            }
        }
        if (received != expected)
        {
            throw new ChannelException($"Dealer link of session {_sessionId}: expected {expected} bytes of corrections for request {message.Sequence}, got {received}.");
        }
    }
}
