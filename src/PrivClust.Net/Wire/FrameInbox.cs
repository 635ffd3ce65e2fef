using Grpc.Core;

namespace PrivClust.Net.Wire;

/// <summary>
/// Reads one gRPC stream on a background loop into a bounded queue, so that the synchronous protocol thread
/// waits on the queue (<see cref="Take"/>) instead of driving one asynchronous read per frame: the next read is
/// always pending, frames that arrive early wait in order, and the job's cancellation only stops the wait, never
/// the gRPC call (a cancelled client read would tear the call down). The frames before an error or the end of
/// the stream are delivered first, so an abort frame the peer sent before hanging up is never lost. When the
/// queue is full the loop stops reading and HTTP/2 flow control holds the sender back.
/// </summary>
public sealed class FrameInbox<T> where T : class
{
    /// <summary>Frames held at most (each at most <see cref="WireLimits.MaxMessageBytes"/>).</summary>
    public const int Capacity = 32;

    private readonly IAsyncStreamReader<T> _reader;
    private readonly Queue<T> _frames = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly SemaphoreSlim _space = new(Capacity);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public FrameInbox(IAsyncStreamReader<T> reader)
    {
        _reader = reader;
    }

    /// <summary>Why the stream ended, when it did not end gracefully (after <see cref="Take"/> returned null).</summary>
    public Exception? Error { get; private set; }

    /// <summary>Completes when the reading loop has stopped: the stream ended, failed or <see cref="Stop"/> was called.</summary>
    public Task Ended => _loop;

    public void Start() => _loop = Task.Run(ReadLoopAsync);

    /// <summary>
    /// The next frame, or null when the stream has ended (<see cref="Error"/> says why, or is null for a graceful end).
    /// </summary>
    /// <exception cref="TimeoutException">No frame within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public T? Take(TimeSpan timeout, CancellationToken cancellation)
    {
        if (!_available.Wait(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, cancellation))
        {
            throw new TimeoutException();
        }
        lock (_gate)
        {
            if (_frames.TryDequeue(out T? frame))
            {
                _space.Release();
                return frame;
            }
        }
        _available.Release(); // the end stays visible to the next caller
        return null;
    }

    /// <summary>Waits (bounded) until the other side ends the stream; false when it did not in time.</summary>
    public async Task<bool> WaitForEndAsync(TimeSpan timeout)
    {
        try
        {
            await _loop.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Stops reading (a pending client read then cancels the call).</summary>
    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Stopped already.
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                await _space.WaitAsync(_stop.Token).ConfigureAwait(false);
                if (!await _reader.MoveNext(_stop.Token).ConfigureAwait(false))
                {
                    break;
                }
                lock (_gate)
                {
                    _frames.Enqueue(_reader.Current);
                }
                _available.Release();
            }
        }
        catch (Exception e)
        {
            // Whatever ends the stream (transport error, reset, malformed message, stop) ends this link only.
            Error = e;
        }
        finally
        {
            _available.Release();
        }
    }
}
