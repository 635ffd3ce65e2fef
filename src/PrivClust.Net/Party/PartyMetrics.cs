using PrivClust.Net.Metrics;

namespace PrivClust.Net.Party;

/// <summary>
/// The party's metrics, rendered in the Prometheus text exposition format at /metrics: jobs by outcome, active
/// sessions, the duration of secure iterations, and the bytes on each link. Counts and durations only: never a value.
/// </summary>
public sealed class PartyMetrics
{
    private static readonly double[] IterationBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Histogram _iterationSeconds = new(IterationBuckets);
    private long _started;
    private long _succeeded;
    private long _failed;
    private long _refused;
    private long _active;
    private long _iterations;
    private long _peerSent;
    private long _peerReceived;
    private long _dealerReceived;

    public void JobStarted()
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _active);
    }

    public void JobSucceeded() => End(ref _succeeded);
    public void JobFailed() => End(ref _failed);
    public void JobRefused() => Interlocked.Increment(ref _refused);

    /// <summary>One finished secure iteration and the traffic since the previous report of the same job.</summary>
    public void Iteration(TimeSpan duration, long peerSent, long peerReceived, long dealerReceived)
    {
        Interlocked.Increment(ref _iterations);
        _iterationSeconds.Observe(duration.TotalSeconds);
        Traffic(peerSent, peerReceived, dealerReceived);
    }

    /// <summary>Traffic not yet counted (e.g. after the last iteration).</summary>
    public void Traffic(long peerSent, long peerReceived, long dealerReceived)
    {
        Interlocked.Add(ref _peerSent, peerSent);
        Interlocked.Add(ref _peerReceived, peerReceived);
        Interlocked.Add(ref _dealerReceived, dealerReceived);
    }

    public string Render() => new PrometheusText()
        .Counter("privclust_jobs_started_total", "Jobs whose session this party started.", Interlocked.Read(ref _started))
        .Counter("privclust_jobs_succeeded_total", "Jobs that ended with a complete result.", Interlocked.Read(ref _succeeded))
        .Counter("privclust_jobs_failed_total", "Jobs that failed or were cancelled.", Interlocked.Read(ref _failed))
        .Counter("privclust_jobs_refused_total", "Proposals refused, by this party or by the peer.", Interlocked.Read(ref _refused))
        .Gauge("privclust_active_sessions", "Jobs running now (each holds a peer link and a dealer session).", Interlocked.Read(ref _active))
        .Counter("privclust_iterations_total", "Secure iterations finished.", Interlocked.Read(ref _iterations))
        .Histogram("privclust_iteration_duration_seconds", "Wall time of one secure iteration (k-means, mean-shift or elbow step).", _iterationSeconds.Snapshot())
        .LabelledCounter("privclust_link_bytes_sent_total", "Bytes this party sent, per link.", "link",
            [new("peer", Interlocked.Read(ref _peerSent))])
        .LabelledCounter("privclust_link_bytes_received_total", "Bytes this party received, per link (dealer: correction bytes, party b only).", "link",
            [new("peer", Interlocked.Read(ref _peerReceived)), new("dealer", Interlocked.Read(ref _dealerReceived))])
        .ToString();

    private void End(ref long outcome)
    {
        Interlocked.Increment(ref outcome);
        Interlocked.Decrement(ref _active);
    }
}
