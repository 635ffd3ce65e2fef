using PrivClust.Net.Peer;

namespace PrivClust.Net.Party;

/// <summary>
/// How a job reaches its peer: <see cref="Connect"/> for a fresh session (the proposer dials, the other accepts) and
/// <see cref="Reconnect"/> to resume it, waiting at most the given time for the peer to come back.
/// </summary>
public sealed record PeerRoute(
    Func<SessionParameters, CancellationToken, Task<PeerLink>> Connect,
    Func<SessionParameters, TimeSpan, CancellationToken, Task<PeerLink>> Reconnect);
