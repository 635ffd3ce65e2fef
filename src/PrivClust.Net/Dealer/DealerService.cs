using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivClust.Core.Correlations;
using PrivClust.Net.Hosting;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Dealer;

/// <summary>
/// The dealer's gRPC service: seeds to the parties, and party b's corrections in request order, each
/// answer as packed little-endian bytes in chunks of at most 1 MiB (the last flagged).
/// </summary>
public sealed partial class DealerService(DealerSessionStore store, ICallerIdentity identity, DealerTransport transport, IOptions<DealerOptions> options,
    DealerMetrics metrics, IdleHeapCollector idle, ILogger<DealerService> logger)
    : Protos.V1.Dealer.DealerBase
{
    public override Task<OpenSessionReply> OpenSession(OpenSessionRequest request, ServerCallContext context)
    {
        CheckSeedRequest(request, context);
        byte[] seed = store.Open(request.SessionId, request.PartyIndex, identity.Of(context));
        metrics.SeedServed();
        LogOpened(logger, request.SessionId, request.PartyIndex);
        return Task.FromResult(new OpenSessionReply { Seed = ByteString.CopyFrom(seed) });
    }

    public override Task<OpenSessionReply> ResumeSession(OpenSessionRequest request, ServerCallContext context)
    {
        CheckSeedRequest(request, context);
        byte[] seed = store.Resume(request.SessionId, request.PartyIndex, identity.Of(context));
        LogResumed(logger, request.SessionId, request.PartyIndex);
        return Task.FromResult(new OpenSessionReply { Seed = ByteString.CopyFrom(seed) });
    }

    public override async Task Corrections(IAsyncStreamReader<CorrectionRequest> requestStream, IServerStreamWriter<CorrectionChunk> responseStream, ServerCallContext context)
    {
        CancellationToken ct = context.CancellationToken;
        if (!await RequestStreams.MoveNextAsync(requestStream, ct))
        {
            return;
        }
        CorrectionRequest first = requestStream.Current;
        string sessionId = first.SessionId;
        CheckSessionId(sessionId);
        ulong sequence = first.Resume ? first.Sequence : 0;
        (DealerGenerator generator, int generation) = store.StartCorrections(sessionId, identity.Of(context), first.Resume ? sequence : null);
        LogStreaming(logger, sessionId, sequence);
        using IDisposable work = idle.Enter();   // the heap is tidied once no stream runs (after the session is ended)
        bool graceful = false;
        try
        {
            if (first.Resume && !await RequestStreams.MoveNextAsync(requestStream, ct))
            {
                return;
            }
            byte[] buffer = [];
            // The answers to a batch of requests go out gathered in as few messages as their size allows.
            var gatherer = new GatheredAnswers(responseStream);
            do
            {
                CorrectionRequest carrier = requestStream.Current;
                if (carrier.Batch.Count > WireLimits.MaxCorrectionBatch)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"A batch of {carrier.Batch.Count} correction requests: at most {WireLimits.MaxCorrectionBatch}."));
                }
                GatheredAnswers? gathered = carrier.Batch.Count > 1 ? gatherer : null;
                foreach (CorrectionRequest message in carrier.Batch.Count > 0 ? carrier.Batch : [carrier])
                {
                    buffer = await AnswerAsync(sessionId, sequence, message, generator, buffer, responseStream, gathered, ct);
                    sequence++;
                }
                await (gathered?.FlushAsync(ct) ?? Task.CompletedTask);
            }
            while (await RequestStreams.MoveNextAsync(requestStream, ct));
            graceful = true;
            LogFinished(logger, sessionId, sequence, generator.BytesGenerated);
        }
        finally
        {
            store.EndCorrections(sessionId, generation, graceful);
        }
    }

    /// <summary>
    /// Answers the request or mark expected at <paramref name="sequence"/> (gathered with others when <paramref name="gathered"/>
    /// takes it); returns the (possibly grown) buffer.
    /// </summary>
    private async Task<byte[]> AnswerAsync(string sessionId, ulong sequence, CorrectionRequest message, DealerGenerator generator, byte[] buffer,
        IServerStreamWriter<CorrectionChunk> responseStream, GatheredAnswers? gathered, CancellationToken ct)
    {
        if (message.SessionId != sessionId || message.Sequence != sequence || message.Resume || message.Batch.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"Correction request out of order: expected session {sessionId}, sequence {sequence}; got {RequestStreams.Quoted(message.SessionId)}, {message.Sequence}."));
        }
        if (!message.Mark)
        {
            buffer = await ServeAsync(generator, message, buffer, responseStream, gathered, ct);
            store.Touch(sessionId);
            return buffer;
        }
        store.Mark(sessionId, sequence + 1, generator.Snapshot());
        await (gathered is null ? WriteChunksAsync(responseStream, sequence, buffer, 0, ct) : gathered.AddAsync(sequence, 0, _ => { }, ct));
        return buffer;
    }

    /// <summary>
    /// Generates and sends one request's corrections (gathered with others when <paramref name="gathered"/> takes them);
    /// returns the (possibly grown) buffer.
    /// </summary>
    private async Task<byte[]> ServeAsync(DealerGenerator generator, CorrectionRequest message, byte[] buffer, IServerStreamWriter<CorrectionChunk> responseStream,
        GatheredAnswers? gathered, CancellationToken ct)
    {
        CorrelationRequest request = CorrectionWire.FromWire(message, options.Value.MaxCorrectionBytesPerRequest);
        int length = (int)request.CorrectionBytes;
        if (gathered is not null && GatheredAnswers.Takes(length))
        {
            await gathered.AddAsync(message.Sequence, length, answer => Generate(generator, request, answer), ct);
            metrics.Served(request, length);
            return buffer;
        }
        await (gathered?.FlushAsync(ct) ?? Task.CompletedTask);
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, 2 * buffer.Length)];
        }
        Generate(generator, request, buffer.AsSpan(0, length));
        await WriteChunksAsync(responseStream, message.Sequence, buffer, length, ct);
        metrics.Served(request, length);
        return buffer;
    }

    private static void Generate(DealerGenerator generator, in CorrelationRequest request, Span<byte> corrections)
    {
        try
        {
            generator.Generate(request, corrections);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Bad correction request: {e.Message}"));
        }
    }

    /// <summary>
    /// Sends the corrections in chunks that wrap the buffer without copying it: a write serializes its message into
    /// the response stream before it completes, and the buffer is only reused after the last write is awaited.
    /// </summary>
    private static async Task WriteChunksAsync(IServerStreamWriter<CorrectionChunk> stream, ulong sequence, byte[] buffer, int length, CancellationToken ct)
    {
        foreach ((int offset, int count, bool last) in PayloadChunks.Of(length))
        {
            var chunk = new CorrectionChunk { Sequence = sequence, Data = UnsafeByteOperations.UnsafeWrap(buffer.AsMemory(offset, count)), Last = last };
            await stream.WriteAsync(chunk, ct);
        }
    }

    /// <summary>A valid session id and party index, and the caller's certificate pinned for that index.</summary>
    private void CheckSeedRequest(OpenSessionRequest request, ServerCallContext context)
    {
        CheckSessionId(request.SessionId);
        if (request.PartyIndex is not (0 or 1))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"A party index is 0 or 1, not {request.PartyIndex}."));
        }
        transport.DemandPartyIndex(context, request.PartyIndex);
    }

    private static void CheckSessionId(string sessionId)
    {
        if (sessionId.Length is 0 or > WireLimits.MaxIdLength)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"A session id has 1 to {WireLimits.MaxIdLength} characters."));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: party index {PartyIndex} opened it.")]
    private static partial void LogOpened(ILogger logger, string sessionId, int partyIndex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: streaming corrections to party b from request {Sequence}.")]
    private static partial void LogStreaming(ILogger logger, string sessionId, ulong sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: party index {PartyIndex} resumed it.")]
    private static partial void LogResumed(ILogger logger, string sessionId, int partyIndex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: correction stream ended after {Requests} requests, {Bytes} bytes.")]
    private static partial void LogFinished(ILogger logger, string sessionId, ulong requests, long bytes);
}
