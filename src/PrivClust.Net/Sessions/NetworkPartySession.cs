using PrivClust.Core.Arithmetic;
using PrivClust.Core.Correlations;
using PrivClust.Core.Protocols;
using PrivClust.Net.Dealer;
using PrivClust.Net.Peer;

namespace PrivClust.Net.Sessions;

/// <summary>
/// One party's <see cref="PartySession"/> over the network: the peer link (dialed or accepted), the dealer
/// seed and, for party b, the dealer's correction feed. Disposing it closes the links gracefully;
/// <see cref="AbortAsync"/> tells the peer the session failed.
/// </summary>
public sealed class NetworkPartySession : IAsyncDisposable
{
    private readonly PeerLink _link;
    private readonly DealerCorrectionFeed? _feed;

    private NetworkPartySession(PartySession session, PeerLink link, DealerCorrectionFeed? feed)
    {
        Session = session;
        _link = link;
        _feed = feed;
    }

    public PartySession Session { get; }

    /// <summary>The shape of the peer's data, as its handshake announced it.</summary>
    public Wire.TableShape PeerShape => _link.PeerShape;

    /// <summary>Correction bytes party b received from the dealer (0 for party a).</summary>
    public long DealerBytes => _feed?.BytesReceived ?? 0;

    /// <param name="connectPeer">Dials or accepts the peer link (<see cref="PeerConnector"/>).</param>
    public static async Task<NetworkPartySession> OpenAsync(SessionParameters parameters, DealerClient dealer,
        Func<CancellationToken, Task<PeerLink>> connectPeer, TimeSpan timeout, CancellationToken cancellation)
    {
        PeerLink link = await connectPeer(cancellation);
        DealerCorrectionFeed? feed = null;
        try
        {
            byte[] seed = await dealer.OpenSessionAsync(parameters.SessionId, parameters.PartyIndex, timeout, cancellation);
            feed = parameters.PartyIndex == 1 ? dealer.OpenFeed(parameters.SessionId, timeout, cancellation) : null;
            var correlations = new SeededCorrelationSource(parameters.PartyIndex, seed, feed);
            var session = new PartySession(parameters.PartyIndex, link.Channel, correlations, link.CommonSeed, new FixedPoint(parameters.FractionalBits));
            return new NetworkPartySession(session, link, feed);
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

    public async ValueTask DisposeAsync()
    {
        if (_feed is not null)
        {
            await _feed.DisposeAsync();
        }
        await _link.DisposeAsync();
    }
}
