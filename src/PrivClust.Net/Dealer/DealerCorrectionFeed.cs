using System.Diagnostics;
using Grpc.Core;
using PrivClust.Core.Channels;
using PrivClust.Core.Correlations;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Dealer;

/// <summary>
/// Party b's <see cref="ICorrectionFeed"/> over the dealer's Corrections stream: each read sends the
/// request (also the 0-byte ones, which make the dealer remember a matrix mask) and copies the chunks of the
/// answer, which a <see cref="FrameInbox{T}"/> reads in the background, straight into the caller's buffer.
/// A request's write is awaited only before the next one. Failures and the timeout surface as
/// <see cref="ChannelException"/>.
/// </summary>
public sealed class DealerCorrectionFeed : ICorrectionFeed, IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<CorrectionRequest, CorrectionChunk> _call;
    private readonly FrameInbox<CorrectionChunk> _inbox;
    private readonly string _sessionId;
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _cancellation;
    private readonly Queue<(ulong Sequence, CorrelationRequest Request)> _announced = new();
    private Task _pendingWrite = Task.CompletedTask;
    private ulong _sequence;
    private readonly Queue<ulong> _unacknowledgedMarks = new();
    private readonly Queue<CorrectionChunk> _batched = new();
    private ulong? _markAhead;

    /// <param name="resumeAt">Continue the session's stream at this request, from the checkpoint mark made just before it.</param>
    public DealerCorrectionFeed(Protos.V1.Dealer.DealerClient dealer, string sessionId, TimeSpan timeout, CancellationToken cancellation, ulong? resumeAt = null)
    {
        _call = dealer.Corrections(cancellationToken: cancellation);
        _inbox = new FrameInbox<CorrectionChunk>(_call.ResponseStream);
        _sessionId = sessionId;
        _timeout = timeout;
        _cancellation = cancellation;
        _inbox.Start();
        if (resumeAt is { } sequence)
        {
            _sequence = sequence;
            _pendingWrite = _call.RequestStream.WriteAsync(new CorrectionRequest { SessionId = sessionId, Sequence = sequence, Resume = true }, cancellation);
        }
    }

    /// <summary>Correction bytes received so far.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>The dealer link failed (the dealer's state is likely lost: a job does not resume after this).</summary>
    public bool Failed { get; private set; }

    /// <summary>Announced plans go to the dealer at once: it generates them while the parties compute.</summary>
    public bool WantsPlans => true;

    /// <summary>Requests answered so far.</summary>
    public ulong Requests => _sequence;

    /// <summary>
    /// Iteration boundaries are checkpointed (<see cref="Checkpoints.CheckpointSink"/>): <see cref="PrefetchAfterBoundary"/>
    /// then marks the boundary ahead, in stream order before the requests that follow it.
    /// </summary>
    public bool MarksBoundaries { get; set; }

    /// <summary>Sends the announced requests now: the dealer generates them while the parties compute.</summary>
    public void Prefetch(IReadOnlyList<CorrelationRequest> upcoming) => Announce(upcoming, markFirst: false);

    /// <summary>
    /// Announces requests that follow a boundary which comes right after everything announced so far. When boundaries
    /// are marked, the mark goes first: the dealer snapshots its generator exactly at the boundary's stream position
    /// (it answers in stream order), although this party reaches the boundary only later (<see cref="SendMark"/> then
    /// takes this mark instead of sending one).
    /// </summary>
    public void PrefetchAfterBoundary(IReadOnlyList<CorrelationRequest> upcoming) => Announce(upcoming, markFirst: MarksBoundaries);

    private void Announce(IReadOnlyList<CorrelationRequest> upcoming, bool markFirst)
    {
        var messages = new List<CorrectionRequest>(upcoming.Count + 1);
        if (markFirst)
        {
            ulong mark = _sequence++;
            messages.Add(MarkMessage(mark));
            _unacknowledgedMarks.Enqueue(mark);
            _markAhead = mark;
        }
        foreach (CorrelationRequest request in upcoming)
        {
            ulong sequence = _sequence++;
            messages.Add(CorrectionWire.ToWire(_sessionId, sequence, request));
            _announced.Enqueue((sequence, request));
        }
        // The writes go out one after another in the background (a stream takes one write at a time): the protocol
        // thread does not wait for each, only the next write after them does (Send, SendMark, DisposeAsync).
        _pendingWrite = WriteInOrderAsync(_pendingWrite, messages);
    }

    private CorrectionRequest MarkMessage(ulong sequence) => new() { SessionId = _sessionId, Sequence = sequence, Mark = true };

    /// <summary>The sequence of the next answer a read takes (the first announced and unread request, or the next new one).</summary>
    private ulong NextRead => _announced.TryPeek(out var next) ? next.Sequence : _sequence;

    /// <summary>After the previous write, the messages in one batch message (one gRPC message for a whole plan, up to <see cref="WireLimits.MaxCorrectionBatch"/>).</summary>
    private async Task WriteInOrderAsync(Task previous, List<CorrectionRequest> messages)
    {
        await previous.ConfigureAwait(false);
        if (messages.Count == 1)
        {
            await _call.RequestStream.WriteAsync(messages[0], _cancellation).ConfigureAwait(false);
            return;
        }
        foreach (CorrectionRequest[] batch in messages.Chunk(WireLimits.MaxCorrectionBatch))
        {
            var carrier = new CorrectionRequest { SessionId = _sessionId };
            carrier.Batch.AddRange(batch);
            await _call.RequestStream.WriteAsync(carrier, _cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The checkpoint mark of the boundary this party stands at, without waiting: the dealer records where its generator
    /// stands there and acknowledges (an empty chunk, answered in stream order, so it is taken on the way by the next
    /// <see cref="Read"/> or by <see cref="AwaitMark"/>). A mark sent ahead for this very position
    /// (<see cref="PrefetchAfterBoundary"/>: everything announced before it read, nothing after it) is taken; otherwise
    /// one is sent now, which needs nothing announced and unread. Returns the stream position to resume at (the sequence
    /// after the mark's).
    /// </summary>
    public ulong SendMark()
    {
        ulong next = NextRead;
        if (_markAhead is { } ahead && ahead + 1 == next)
        {
            _markAhead = null;
            return next;
        }
        if (_announced.Count > 0)
        {
            throw new InvalidOperationException("A checkpoint mark between announced requests: the prefetch plan is not consumed yet.");
        }
        ulong sequence = _sequence++;
        string where = $"Dealer link of session {_sessionId}, checkpoint mark {sequence}";
        LinkCall.Wait(_pendingWrite, Remaining(Deadline()), where, _cancellation);
        _pendingWrite = _call.RequestStream.WriteAsync(MarkMessage(sequence), _cancellation);
        _unacknowledgedMarks.Enqueue(sequence);
        return _sequence;
    }

    /// <summary>
    /// Waits (within the timeout) until the dealer has acknowledged the mark of the boundary at <paramref name="position"/>
    /// (and every mark before it); at once if it has. The acknowledgement precedes every answer after it in the stream.
    /// </summary>
    public void AwaitMark(ulong position)
    {
        while (_unacknowledgedMarks.TryPeek(out ulong sequence) && sequence < position)
        {
            string where = $"Dealer link of session {_sessionId}, checkpoint mark {sequence}";
            CorrectionChunk chunk = Take(where, Deadline());
            if (chunk.Sequence != sequence)
            {
                Failed = true;
                throw new ChannelException($"{where}: an answer to request {chunk.Sequence} arrived before the mark's acknowledgement.");
            }
            Acknowledge(chunk, where);
        }
    }

    /// <summary>A checkpoint mark, waiting for its acknowledgement (<see cref="SendMark"/> then <see cref="AwaitMark"/>).</summary>
    public ulong Mark()
    {
        ulong position = SendMark();
        AwaitMark(position);
        return position;
    }

    private void Acknowledge(CorrectionChunk chunk, string where)
    {
        if (!chunk.Last || chunk.Data.Length != 0)
        {
            Failed = true;
            throw new ChannelException($"{where}: the dealer did not acknowledge the mark.");
        }
        _unacknowledgedMarks.Dequeue();
    }

    /// <summary>
    /// Leaves the stream without ending it gracefully (the job will resume): the dealer keeps the session's seeds and
    /// marks for a resumed stream.
    /// </summary>
    public void Abandon()
    {
        _inbox.Stop();
        _call.Dispose();
    }

    public void Read(in CorrelationRequest request, Span<byte> corrections)
    {
        if (corrections.Length != request.CorrectionBytes)
        {
            throw new ArgumentException($"{request.Kind}: expected a buffer of {request.CorrectionBytes} bytes, got {corrections.Length}.");
        }
        long deadline = Deadline();
        ulong sequence;
        string where;
        if (_announced.TryDequeue(out var announced))
        {
            (sequence, where) = (announced.Sequence, $"Dealer link of session {_sessionId}, request {announced.Sequence}");
            if (announced.Request != request)
            {
                throw new ChannelException($"{where}: the protocol asked for {request.Kind} ×{request.Count} where it had announced {announced.Request.Kind} ×{announced.Request.Count}.");
            }
        }
        else
        {
            sequence = _sequence++;
            where = $"Dealer link of session {_sessionId}, request {sequence}";
            Send(sequence, request, where, deadline);
        }
        long received = 0;
        while (true)
        {
            CorrectionChunk chunk = Next(where, deadline);
            if (chunk.Sequence != sequence)
            {
                throw new ChannelException($"{where}: an answer to request {chunk.Sequence} arrived instead.");
            }
            if (received + chunk.Data.Length > corrections.Length)
            {
                throw new ChannelException($"{where}: expected {corrections.Length} bytes of corrections, the dealer sent more.");
            }
            chunk.Data.Span.CopyTo(corrections[(int)received..]);
            received += chunk.Data.Length;
            WireBuffers.Return(chunk.Data);
            if (chunk.Last)
            {
                break;
            }
        }
        if (received != corrections.Length)
        {
            throw new ChannelException($"{where}: expected {corrections.Length} bytes of corrections, got {received}.");
        }
        BytesReceived += received;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _pendingWrite.WaitAsync(_timeout);
            await _call.RequestStream.CompleteAsync();
            await _inbox.WaitForEndAsync(_timeout);
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException or OperationCanceledException or TimeoutException)
        {
            // The dealer is gone already; the session was complete or is failing anyway.
        }
        finally
        {
            _inbox.Stop();
            _call.Dispose();
        }
    }

    private static TimeSpan Remaining(long deadline) => Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);

    private long Deadline() => Stopwatch.GetTimestamp() + (long)(_timeout.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Writes one request once the previous write has completed (a gRPC stream takes one write at a time).</summary>
    private void Send(ulong sequence, in CorrelationRequest request, string where, long deadline)
    {
        LinkCall.Wait(_pendingWrite, Remaining(deadline), where, _cancellation);
        _pendingWrite = _call.RequestStream.WriteAsync(CorrectionWire.ToWire(_sessionId, sequence, request), _cancellation);
    }

    /// <summary>The next answer chunk, taking the acknowledgement of a mark sent before on the way.</summary>
    private CorrectionChunk Next(string where, long deadline)
    {
        while (true)
        {
            CorrectionChunk chunk = Take(where, deadline);
            if (!_unacknowledgedMarks.TryPeek(out ulong mark) || chunk.Sequence != mark)
            {
                return chunk;
            }
            Acknowledge(chunk, $"Dealer link of session {_sessionId}, checkpoint mark {mark}");
        }
    }

    private CorrectionChunk Take(string where, long deadline)
    {
        try
        {
            return NextChunk(where, deadline);
        }
        catch (ChannelException)
        {
            Failed = true;
            throw;
        }
    }

    /// <summary>The next chunk of the stream; a message batching several answers is taken apart first.</summary>
    private CorrectionChunk NextChunk(string where, long deadline)
    {
        if (_batched.TryDequeue(out CorrectionChunk? batched))
        {
            return batched;
        }
        CorrectionChunk chunk = ReceiveChunk(where, deadline);
        if (chunk.Batch.Count == 0)
        {
            return chunk;
        }
        foreach (CorrectionChunk answer in chunk.Batch)
        {
            _batched.Enqueue(answer);
        }
        return _batched.Dequeue();
    }

    private CorrectionChunk ReceiveChunk(string where, long deadline)
    {
        CorrectionChunk? chunk;
        try
        {
            chunk = _inbox.Take(Remaining(deadline), _cancellation);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            throw LinkCall.Translate(e, _timeout, where, _cancellation, timedOut: e is TimeoutException);
        }
        return chunk ?? throw (_inbox.Error is null
            ? new ChannelException($"{where}: the dealer ended the correction stream.")
            : LinkCall.Translate(_inbox.Error, _timeout, where, _cancellation, timedOut: false));
    }
}
