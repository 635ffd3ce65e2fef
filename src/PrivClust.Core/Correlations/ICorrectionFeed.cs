namespace PrivClust.Core.Correlations;

/// <summary>
/// Where party 1 gets the dealer's corrections from. Party 0 derives all its correlated randomness from its
/// seed and needs no feed; party 1 derives the random parts of its shares from its own seed and reads here,
/// in stream order, only the corrections (e.g. c1 = a·b − c0 of a Beaver triple).
/// In process this is <see cref="InProcessDealerFeed"/>; over the network a gRPC client of the dealer.
/// </summary>
public interface ICorrectionFeed
{
    /// <summary>Fills <paramref name="corrections"/> with the corrections for the next request of the stream.</summary>
    void Read(in CorrelationRequest request, Span<byte> corrections);

    /// <summary>
    /// Announces requests that WILL follow, in this order, so that a remote feed can send them at once and the dealer
    /// can generate while the parties compute. The next reads must be exactly these requests. No-op by default.
    /// </summary>
    void Prefetch(IReadOnlyList<CorrelationRequest> upcoming)
    {
    }

    /// <summary>
    /// <see cref="Prefetch"/> for requests that follow an iteration boundary (a checkpoint) which comes right after the
    /// requests announced before them, so that a feed that marks boundaries for the dealer marks this one ahead, at its
    /// place in the stream (the next iteration can then be announced before the boundary is reached).
    /// </summary>
    void PrefetchAfterBoundary(IReadOnlyList<CorrelationRequest> upcoming) => Prefetch(upcoming);

    /// <summary>
    /// True when <see cref="Prefetch"/> does something (a remote dealer): then a protocol may rehearse a stretch it has not
    /// run yet to announce its plan (<c>PlanRehearsal</c>); false (the default) spares it that work.
    /// </summary>
    bool WantsPlans => false;
}
