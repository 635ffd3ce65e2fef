using PrivClust.Core.Channels;
using PrivClust.Core.Correlations;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Learns what a stretch of protocol will ask the dealer for without running it: the stretch runs once on a throwaway
/// <see cref="PartySession"/> whose channel answers zeros and whose correlation source (a dummy seed, corrections of
/// zero, the real source's matrix-mask shapes) records its requests. The requests depend only on public shapes — no
/// request in a Lloyd iteration or a mean-shift stretch depends on an opened value — so the recording is the plan the
/// real stretch will read, and party b can announce it to a remote dealer before the stretch instead of asking request
/// by request. Nothing of the real session is touched: not its channel, its correlation streams, its coins or its
/// counters. Callers must not pass objects whose lazy caches would be filled through the throwaway session (the
/// shares it computes are garbage).
/// </summary>
internal static class PlanRehearsal
{
    /// <summary>
    /// Rehearse only stretches of at most this many elementwise comparisons: their compute (done once more, at party b)
    /// is small next to the dealer round trips the announcement saves. Measured (three processes, 2 Dec 2026): the first
    /// mall-kmeans iteration (10^3 comparisons) 8–11 → 4–5.5 ms, meanshift-seed's first move 10–12 → 7.5 ms; blobs-1e4
    /// (10^5 comparisons, 5.7 MB of corrections per iteration) gained nothing, its rehearsal costs a whole iteration's
    /// compute at b.
    /// </summary>
    public const long MaxComparisons = 1 << 14;

    /// <summary>Whether <paramref name="session"/>'s dealer feed acts on plans and a stretch of this size is worth rehearsing.</summary>
    public static bool Worth(PartySession session, long comparisons) =>
        session.Correlations.WantsPlans && !session.IsRehearsal && comparisons <= MaxComparisons;

    /// <summary>
    /// The requests each of <paramref name="parts"/> makes when they run one after the other on one throwaway copy of
    /// <paramref name="session"/> (<see cref="PartySession.IsRehearsal"/> set).
    /// </summary>
    public static List<CorrelationRequest>[] Record(PartySession session, params Action<PartySession>[] parts)
    {
        var source = new SeededCorrelationSource(session.PartyIndex, new byte[16], session.PartyIndex == 1 ? ZeroFeed.Instance : null);
        source.Restore(new CorrelationPosition(new Dictionary<string, UInt128>(), session.Correlations.Position.Masks));
        var rehearsal = new PartySession(session.PartyIndex, ZeroChannel.Instance, source, new byte[16], session.FixedPoint) { IsRehearsal = true };
        rehearsal.ContinueMaskIds(session);   // a mask made in the rehearsal gets the id the real one will get
        var recorded = new List<CorrelationRequest>[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            source.Recording = recorded[i] = [];
            parts[i](rehearsal);
        }
        source.Recording = null;
        return recorded;
    }

    /// <summary>A peer that sends zeros.</summary>
    private sealed class ZeroChannel : IChannel
    {
        public static readonly ZeroChannel Instance = new();

        public void Exchange(ReadOnlySpan<byte> send, Span<byte> receive) => receive.Clear();
    }

    /// <summary>A dealer that corrects nothing.</summary>
    private sealed class ZeroFeed : ICorrectionFeed
    {
        public static readonly ZeroFeed Instance = new();

        public void Read(in CorrelationRequest request, Span<byte> corrections) => corrections.Clear();
    }
}
