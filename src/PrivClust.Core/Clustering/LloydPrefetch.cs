using PrivClust.Core.Correlations;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// What Lloyd announces to the dealer feed (party b asks a remote dealer ahead; a no-op at party a and in process). Every
/// iteration asks for the same requests (the first compares with an all-zero previous one-hot), recorded once, in the
/// first iteration run: the distances round's, and the rest of the iteration's (the plan). Once the converged bit of the previous iteration is open, the plan is announced. For small
/// plans the next iteration is announced speculatively (distances first) as soon as this one is known to run to its end
/// (its flag round), across the boundary between them (<see cref="ICorrelationSource.PrefetchAfterBoundary"/>: a networked
/// feed marks that boundary ahead for the checkpoints), so that the dealer's answer is there when the next iteration
/// starts instead of a dealer round trip later; if that iteration then does not run (its converged bit was set), both
/// parties draw and drop the announced plan (<see cref="CorrelationSkipper"/>), keeping every stream in step. Until the
/// plan is known (the first iteration, without a rehearsal) the next iteration is announced at the boundary.
/// </summary>
internal sealed class LloydPrefetch(PartySession session)
{
    /// <summary>Plans of at most this many correction bytes are announced an iteration ahead.</summary>
    public const long SpeculativeBytes = 1 << 20;

    private List<CorrelationRequest>? _distances, _plan, _recording;
    private bool _speculated, _speculable;

    /// <summary>
    /// Before the first iteration: announces the plan of an iteration (its distances round and the rest) learnt by
    /// rehearsing one (<see cref="PlanRehearsal"/>), so that the first iteration is prefetched like the later ones.
    /// </summary>
    public void AnnounceRehearsed(List<CorrelationRequest> distances, List<CorrelationRequest> plan)
    {
        AdoptAnnounced(distances, plan);
        AnnounceNext();
    }

    /// <summary>Before the first iteration: its plan was announced already (with the init, <see cref="SecureKMeansJob"/>).</summary>
    public void AdoptAnnounced(List<CorrelationRequest> distances, List<CorrelationRequest> plan)
    {
        (_distances, _plan) = (distances, plan);
        _speculable = distances.Concat(plan).Sum(r => r.CorrectionBytes) <= SpeculativeBytes;
        _speculated = true;
    }

    /// <summary>Before the distances round: records its requests once.</summary>
    public void BeforeDistances() => Start(_distances is null);

    /// <summary>After the distances round.</summary>
    public void AfterDistances() => _distances ??= Stop();

    /// <summary>
    /// The previous iteration's converged bit is open: drop a speculated plan, or announce the plan (or record it); this
    /// iteration now runs to its end, so a small plan's next iteration is announced already when it may run.
    /// </summary>
    public void AtFlag(bool converged, bool nextMayRun)
    {
        if (converged)
        {
            if (_speculated)
            {
                CorrelationSkipper.Skip(session.Correlations, _plan!);
            }
            return;
        }
        if (_plan is not null && !_speculated)
        {
            session.Correlations.Prefetch(_plan);
        }
        _speculated = false;
        Start(_plan is null);
        if (_plan is not null && _speculable && nextMayRun)
        {
            session.Correlations.PrefetchAfterBoundary([.. _distances!, .. _plan]);
            _speculated = true;   // the next iteration's, from here on
        }
    }

    /// <summary>After the update: a recording becomes the plan; a plan small enough is announced ahead from then on.</summary>
    public void AfterUpdate()
    {
        if (Stop() is { } recorded)
        {
            _plan = recorded;
            _speculable = _distances is not null && _distances.Concat(_plan).Sum(r => r.CorrectionBytes) <= SpeculativeBytes;
        }
    }

    /// <summary>At the iteration's end (after its checkpoint): the next iteration is announced (now, if not already) when it may run and is small.</summary>
    public void AtBoundary(bool nextMayRun)
    {
        if (!_speculated && nextMayRun && _speculable)
        {
            AnnounceNext();
        }
    }

    /// <summary>Announces a whole iteration (distances round and plan) before it is known to run: speculated.</summary>
    private void AnnounceNext()
    {
        session.Correlations.Prefetch([.. _distances!, .. _plan!]);
        _speculated = true;
    }

    private void Start(bool record)
    {
        _recording = record ? [] : null;
        session.Correlations.Recording = _recording;
    }

    private List<CorrelationRequest>? Stop()
    {
        session.Correlations.Recording = null;
        List<CorrelationRequest>? recorded = _recording;
        _recording = null;
        return recorded;
    }
}
