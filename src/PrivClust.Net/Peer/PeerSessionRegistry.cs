using System.Collections.Concurrent;

namespace PrivClust.Net.Peer;

/// <summary>
/// Rendezvous of incoming Exchange streams with the local jobs waiting for them, by session id. A job
/// registers its session before it accepts a proposal, so the dialer's stream always finds it.
/// </summary>
public sealed class PeerSessionRegistry
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<IncomingExchange>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Registers a session the local side will accept; the task completes when the peer's stream arrives.</summary>
    public Task<IncomingExchange> Expect(string sessionId)
    {
        var arrival = new TaskCompletionSource<IncomingExchange>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryAdd(sessionId, arrival))
        {
            throw new InvalidOperationException($"Session {sessionId} is already expected.");
        }
        return arrival.Task;
    }

    /// <summary>Hands an incoming stream to the session waiting for it; false when no one waits (unknown or used session).</summary>
    public bool TryDeliver(string sessionId, IncomingExchange incoming) =>
        _waiting.TryRemove(sessionId, out TaskCompletionSource<IncomingExchange>? arrival) && arrival.TrySetResult(incoming);

    /// <summary>Stops waiting for a session (the local job gave up).</summary>
    public void Forget(string sessionId)
    {
        if (_waiting.TryRemove(sessionId, out TaskCompletionSource<IncomingExchange>? arrival))
        {
            arrival.TrySetCanceled();
        }
    }

    public int WaitingCount => _waiting.Count;
}
