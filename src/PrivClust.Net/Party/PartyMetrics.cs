using System.Text;

namespace PrivClust.Net.Party;

/// <summary>The party's counters, rendered in the Prometheus text exposition format at /metrics.</summary>
public sealed class PartyMetrics
{
    private long _started;
    private long _succeeded;
    private long _failed;
    private long _refused;

    public void JobStarted() => Interlocked.Increment(ref _started);
    public void JobSucceeded() => Interlocked.Increment(ref _succeeded);
    public void JobFailed() => Interlocked.Increment(ref _failed);
    public void JobRefused() => Interlocked.Increment(ref _refused);

    public string Render()
    {
        var text = new StringBuilder();
        Counter(text, "privclust_jobs_started_total", "Jobs whose session this party started.", Interlocked.Read(ref _started));
        Counter(text, "privclust_jobs_succeeded_total", "Jobs that ended with a complete result.", Interlocked.Read(ref _succeeded));
        Counter(text, "privclust_jobs_failed_total", "Jobs that failed or were cancelled.", Interlocked.Read(ref _failed));
        Counter(text, "privclust_jobs_refused_total", "Proposals refused, by this party or by the peer.", Interlocked.Read(ref _refused));
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, long value) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(" counter\n")
            .Append(name).Append(' ').Append(value).Append('\n');
}
