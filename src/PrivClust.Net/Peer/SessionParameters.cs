using PrivClust.Net.Wire;

namespace PrivClust.Net.Peer;

/// <summary>
/// What one party brings to a session's handshake: the session, its own index, the arithmetic, the job's
/// columns, its own data shape, (when known) the shape it expects of the peer and, when it resumes the session, its latest
/// checkpoint. All public.
/// </summary>
public sealed record SessionParameters(
    string SessionId,
    int PartyIndex,
    int FractionalBits,
    IReadOnlyList<string> Columns,
    TableShape Shape,
    TableShape? ExpectedPeerShape = null,
    long? LastCheckpoint = null);
