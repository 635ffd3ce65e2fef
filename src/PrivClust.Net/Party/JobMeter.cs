using PrivClust.Core.Clustering;

namespace PrivClust.Net.Party;

/// <summary>
/// Turns one job's cumulative progress reports into increments of <see cref="PartyMetrics"/>: the duration of each
/// iteration and the bytes since the previous report. Called on the job's engine thread, then once at its end.
/// </summary>
public sealed class JobMeter(PartyMetrics metrics)
{
    private TimeSpan _elapsed;
    private long _sent;
    private long _received;
    private long _dealer;

    public void Iteration(JobProgress progress)
    {
        metrics.Iteration(progress.Elapsed - _elapsed, progress.BytesSent - _sent, progress.BytesReceived - _received, progress.DealerBytes - _dealer);
        _elapsed = progress.Elapsed;
        (_sent, _received, _dealer) = (progress.BytesSent, progress.BytesReceived, progress.DealerBytes);
    }

    /// <summary>The job's final totals: counts what the iterations' reports did not.</summary>
    public void Finish(long sent, long received, long dealer)
    {
        metrics.Traffic(sent - _sent, received - _received, dealer - _dealer);
        (_sent, _received, _dealer) = (sent, received, dealer);
    }
}
