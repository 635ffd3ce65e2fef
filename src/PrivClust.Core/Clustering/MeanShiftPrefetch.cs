using PrivClust.Core.Correlations;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// The dealer prefetch of mean-shift: a stretch runs from just after one iteration's windows (a boundary) to the same
/// point of the next, and asks the dealer for what the same stretch of the previous iteration asked. The first full
/// stretch (from the first iteration on, or the first after a resume) is recorded; each later one is announced at its
/// start. Once the plan is known, the next stretch is announced earlier, as soon as the windows' distances round has
/// opened the "all stopped" bit and it says the run goes on (<see cref="Ahead"/>): across the boundary, behind a
/// checkpoint mark placed ahead at it (<see cref="ICorrelationSource.PrefetchAfterBoundary"/>), so the stretch's
/// corrections are there when it starts. So at every boundary everything announced before it is read and nothing
/// after it, and a resumed run needs no plan from before.
/// </summary>
internal sealed class MeanShiftPrefetch(PartySession session)
{
    /// <summary>
    /// Stretches of at most this many correction bytes are announced ahead. Bigger ones gain nothing: their dealer
    /// stream then competes with the windows' comparisons for the CPU (stop 16, alternated: meanshift-1e4, 3.9 MB
    /// per stretch, 42.2 against 44.0 ms per iteration; meanshift-1e5, 73 MB, 684 against 637 ms).
    /// </summary>
    public const long AheadBytes = 8 << 20;

    private List<CorrelationRequest>? _plan, _recording;
    private bool _announcedAhead;

    /// <summary>
    /// In the windows round of the stretch in progress, once its "all stopped" bit is open: when the next stretch will
    /// run (<paramref name="nextRuns"/>: not stopped, not past the last allowed iteration), nothing is being recorded
    /// and the plan is small (<see cref="AheadBytes"/>), announces it now (its plan rehearsed first if needed)
    /// instead of at the boundary.
    /// </summary>
    public void Ahead(bool nextRuns, Func<List<CorrelationRequest>?> rehearse)
    {
        if (!nextRuns || _recording is not null)
        {
            return;
        }
        _plan ??= rehearse();
        if (_plan is not null && _plan.Sum(r => r.CorrectionBytes) <= AheadBytes)
        {
            session.Correlations.PrefetchAfterBoundary(_plan);
            _announcedAhead = true;
        }
    }

    /// <summary>Ends the stretch in progress (its requests are all read): its recording becomes the plan.</summary>
    public void End()
    {
        session.Correlations.Recording = null;
        _plan = _recording ?? _plan;
        _recording = null;
    }

    /// <summary>
    /// Starts a stretch: announces the plan when the stretch will certainly run to its end (not before the last
    /// allowed iteration: it would end in a next window that never comes), or records it. The first plan comes from
    /// <paramref name="rehearse"/> when that is worth it (<see cref="PlanRehearsal.Worth"/>), so the first stretch is
    /// announced too.
    /// </summary>
    public void Begin(bool nextRuns, Func<List<CorrelationRequest>?> rehearse)
    {
        if (_announcedAhead)
        {
            _announcedAhead = false;
            return;
        }
        if (_plan is null && nextRuns)
        {
            _plan = rehearse();
        }
        if (_plan is not null && nextRuns)
        {
            session.Correlations.Prefetch(_plan);
        }
        _recording = _plan is null && nextRuns ? [] : null;
        session.Correlations.Recording = _recording;
    }
}
