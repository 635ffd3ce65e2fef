using Grpc.Core;
using Microsoft.Extensions.Options;
using PrivClust.Core.Correlations;

namespace PrivClust.Net.Dealer;

/// <summary>
/// The dealer's sessions, keyed by session id. Rules: each party index opens a session once; one caller
/// never holds both seeds of a session; only the caller that opened party b's side streams its
/// corrections, once; a finished or expired session id stays refused for a while (no replay).
/// </summary>
public sealed class DealerSessionStore(IDealerSeedSource seeds, IOptions<DealerOptions> options, TimeProvider clock)
{
    private readonly Dictionary<string, DealerSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _closed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int OpenSessions
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>The seed of <paramref name="partyIndex"/> for the session, creating the session on first use.</summary>
    public byte[] Open(string sessionId, int partyIndex, string caller)
    {
        lock (_gate)
        {
            if (_closed.ContainsKey(sessionId))
            {
                throw Refuse(StatusCode.FailedPrecondition, $"Session {sessionId} is closed; a session id is used once.");
            }
            if (!_sessions.TryGetValue(sessionId, out DealerSession? session))
            {
                (byte[] seed0, byte[] seed1) = seeds.NewSession(sessionId);
                session = new DealerSession(sessionId, seed0, seed1, clock.GetUtcNow());
                _sessions[sessionId] = session;
            }
            if (session.Openers[partyIndex] is not null)
            {
                throw Refuse(StatusCode.AlreadyExists, $"Party index {partyIndex} already opened session {sessionId}.");
            }
            if (session.Openers[1 - partyIndex] == caller)
            {
                throw Refuse(StatusCode.PermissionDenied, $"This caller holds the other party's seed of session {sessionId}; one caller never gets both.");
            }
            session.Openers[partyIndex] = caller;
            session.LastActivity = clock.GetUtcNow();
            return (byte[])session.Seeds[partyIndex].Clone();
        }
    }

    /// <summary>
    /// A restarted party's seed again: only for the identity that opened <paramref name="partyIndex"/> of a session the
    /// dealer still keeps (one caller still never holds both seeds: the two openers differ).
    /// </summary>
    public byte[] Resume(string sessionId, int partyIndex, string caller)
    {
        lock (_gate)
        {
            DealerSession session = Kept(sessionId);
            if (session.Openers[partyIndex] is null)
            {
                throw Refuse(StatusCode.FailedPrecondition, $"Party index {partyIndex} never opened session {sessionId}; there is nothing to resume.");
            }
            if (session.Openers[partyIndex] != caller)
            {
                throw Refuse(StatusCode.PermissionDenied, $"Only the caller that opened party index {partyIndex} of session {sessionId} may resume it.");
            }
            session.LastActivity = clock.GetUtcNow();
            return (byte[])session.Seeds[partyIndex].Clone();
        }
    }

    /// <summary>
    /// Starts party b's correction stream: the generator replaying both parties' correlations, fresh, or (with
    /// <paramref name="resumeAt"/>) rebuilt at the mark made just before that sequence, replacing an earlier stream.
    /// Returns the generator and the stream's generation (for <see cref="EndCorrections"/>).
    /// </summary>
    public (DealerGenerator Generator, int Generation) StartCorrections(string sessionId, string caller, ulong? resumeAt = null)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out DealerSession? session))
            {
                throw Refuse(StatusCode.NotFound, $"No open session {sessionId}.");
            }
            if (session.Openers[1] != caller)
            {
                throw Refuse(StatusCode.PermissionDenied, $"Only the caller that opened party b's side of session {sessionId} reads its corrections.");
            }
            if (resumeAt is { } sequence)
            {
                DealerGeneratorState state = session.Marks.GetValueOrDefault(sequence)
                    ?? throw Refuse(StatusCode.FailedPrecondition, $"Session {sessionId} has no checkpoint mark at request {sequence} to resume from.");
                session.Generator = new DealerGenerator(session.Seeds[0], session.Seeds[1], state);
            }
            else if (session.CorrectionsStarted)
            {
                throw Refuse(StatusCode.AlreadyExists, $"The corrections of session {sessionId} are already being streamed.");
            }
            else
            {
                session.Generator = new DealerGenerator(session.Seeds[0], session.Seeds[1]);
            }
            session.CorrectionsStarted = true;
            session.LastActivity = clock.GetUtcNow();
            return (session.Generator, ++session.StreamGeneration);
        }
    }

    /// <summary>Records party b's checkpoint mark: where the generator stands before request <paramref name="nextSequence"/>.</summary>
    public void Mark(string sessionId, ulong nextSequence, DealerGeneratorState state)
    {
        lock (_gate)
        {
            DealerSession session = Kept(sessionId);
            session.Marks[nextSequence] = state;
            while (session.Marks.Count > options.Value.MarksKept)
            {
                session.Marks.Remove(session.Marks.Keys.First());
            }
        }
    }

    /// <summary>
    /// A correction stream ended. A graceful end (the job is done), or any end of a session never marked, closes the
    /// session; a broken stream of a marked session leaves it kept for a resume until it idles out. A stream already
    /// replaced by a resumed one changes nothing.
    /// </summary>
    public void EndCorrections(string sessionId, int generation, bool graceful)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out DealerSession? session) || session.StreamGeneration != generation)
            {
                return;
            }
            if (graceful || session.Marks.Count == 0)
            {
                _sessions.Remove(sessionId);
                _closed[sessionId] = clock.GetUtcNow();
                return;
            }
            session.CorrectionsStarted = false;
            session.LastActivity = clock.GetUtcNow();
        }
    }

    private DealerSession Kept(string sessionId) =>
        _sessions.TryGetValue(sessionId, out DealerSession? session) ? session
        : throw Refuse(_closed.ContainsKey(sessionId) ? StatusCode.FailedPrecondition : StatusCode.NotFound,
            $"The dealer does not keep session {sessionId} (unknown, ended or expired).");

    public void Touch(string sessionId)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(sessionId, out DealerSession? session))
            {
                session.LastActivity = clock.GetUtcNow();
            }
        }
    }

    /// <summary>Drops sessions idle longer than the configured timeout; returns how many.</summary>
    public int RemoveExpired()
    {
        DateTimeOffset now = clock.GetUtcNow();
        DealerOptions settings = options.Value;
        lock (_gate)
        {
            string[] idle = _sessions.Values.Where(s => now - s.LastActivity > settings.SessionIdleTimeout).Select(s => s.Id).ToArray();
            foreach (string id in idle)
            {
                _sessions.Remove(id);
                _closed[id] = now;
            }
            foreach (string id in _closed.Where(c => now - c.Value > settings.ClosedSessionMemory).Select(c => c.Key).ToArray())
            {
                _closed.Remove(id);
            }
            return idle.Length;
        }
    }

    private static RpcException Refuse(StatusCode code, string detail) => new(new Status(code, detail));
}
