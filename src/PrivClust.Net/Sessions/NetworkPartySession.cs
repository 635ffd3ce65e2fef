using PrivClust.Core.Arithmetic;
using PrivClust.Core.Correlations;
using PrivClust.Core.Protocols;
using PrivClust.Net.Checkpoints;
using PrivClust.Net.Dealer;
using PrivClust.Net.Peer;

namespace PrivClust.Net.Sessions;

/// <summary>
/// One party's <see cref="PartySession"/> over the network: the peer link (dialed or accepted), the dealer
/// seed and, for party b, the dealer's correction feed. Disposing it closes the links gracefully;
/// <see cref="AbortAsync"/> tells the peer the session failed; <see cref="AbandonAsync"/> leaves it to be resumed.
/// </summary>
public sealed class NetworkPartySession : IAsyncDisposable
{
    private readonly PeerLink _link;

    private NetworkPartySession(PartySession session, PeerLink link, DealerCorrectionFeed? feed, byte[] commonSeed)
    {
        Session = session;
        _link = link;
        Feed = feed;
        CommonSeed = commonSeed;
    }

    public PartySession Session { get; }

    /// <summary>Party b's correction feed (null for party a).</summary>
    public DealerCorrectionFeed? Feed { get; }

    /// <summary>The session's common seed (the original one when the session resumed).</summary>
    public byte[] CommonSeed { get; }

    /// <summary>The shape of the peer's data, as its handshake announced it.</summary>
    public Wire.TableShape PeerShape => _link.PeerShape;

    /// <summary>Correction bytes party b received from the dealer (0 for party a).</summary>
    public long DealerBytes => Feed?.BytesReceived ?? 0;

    /// <summary>Whether a failure of this session may be resumed: the peer did not abort on purpose and the dealer link held.</summary>
    public bool Resumable => !_link.Channel.PeerAborted && !(Feed?.Failed ?? false);

    /// <param name="connectPeer">Dials or accepts the peer link (<see cref="PeerConnector"/>).</param>
    public static async Task<NetworkPartySession> OpenAsync(SessionParameters parameters, DealerClient dealer,
        Func<CancellationToken, Task<PeerLink>> connectPeer, TimeSpan timeout, CancellationToken cancellation)
    {
        PeerLink link = await connectPeer(cancellation);
        return await CreateAsync(parameters, dealer, link, link.CommonSeed, null, timeout, cancellation);
    }

    /// <summary>
    /// Resumes the session after a restart or a broken link: the handshakes carry both parties' latest checkpoints, both
    /// load the smaller one (<paramref name="load"/>), take their dealer seed again and, party b, its correction stream
    /// at the checkpoint's position; the session runs on the checkpoint's common seed.
    /// </summary>
    public static async Task<(NetworkPartySession Network, HostCheckpoint Checkpoint)> ResumeAsync(SessionParameters parameters, DealerClient dealer,
        Func<CancellationToken, Task<PeerLink>> connectPeer, Func<long, HostCheckpoint> load, TimeSpan timeout, CancellationToken cancellation)
    {
        PeerLink link = await connectPeer(cancellation);
        HostCheckpoint checkpoint;
        try
        {
            long agreed = Math.Min(parameters.LastCheckpoint!.Value, link.PeerCheckpoint!.Value);
            checkpoint = load(agreed);
        }
        catch (CheckpointException e)
        {
            await link.AbortAsync($"it cannot resume from the agreed checkpoint ({e.Message})");
            throw;
        }
        return (await CreateAsync(parameters, dealer, link, checkpoint.CommonSeed, checkpoint.FeedPosition, timeout, cancellation), checkpoint);
    }

    private static async Task<NetworkPartySession> CreateAsync(SessionParameters parameters, DealerClient dealer, PeerLink link, byte[] commonSeed,
        ulong? resumeAt, TimeSpan timeout, CancellationToken cancellation)
    {
        DealerCorrectionFeed? feed = null;
        try
        {
            byte[] seed = resumeAt is null
                ? await dealer.OpenSessionAsync(parameters.SessionId, parameters.PartyIndex, timeout, cancellation)
                : await dealer.ResumeSessionAsync(parameters.SessionId, parameters.PartyIndex, timeout, cancellation);
            feed = parameters.PartyIndex == 1 ? dealer.OpenFeed(parameters.SessionId, timeout, cancellation, resumeAt) : null;
            var correlations = new SeededCorrelationSource(parameters.PartyIndex, seed, feed);
            var session = new PartySession(parameters.PartyIndex, link.Channel, correlations, commonSeed, new FixedPoint(parameters.FractionalBits));
            return new NetworkPartySession(session, link, feed, commonSeed);
        }
        catch (Exception e)
        {
            await link.AbortAsync($"it could not open the dealer session ({e.GetType().Name})");
            if (feed is not null)
            {
                await feed.DisposeAsync();
            }
            throw;
        }
    }

    public async Task AbortAsync(string reason)
    {
        await _link.AbortAsync(reason);
        await DisposeAsync();
    }

    /// <summary>Leaves the session to be resumed: no abort frame to the peer, and the dealer keeps the session.</summary>
    public async Task AbandonAsync()
    {
        Feed?.Abandon();
        await _link.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Feed is not null)
        {
            await Feed.DisposeAsync();
        }
        await _link.DisposeAsync();
    }
}
