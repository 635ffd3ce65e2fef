using System.Collections.Concurrent;
using PrivClust.Core.Correlations;
using PrivClust.Net.Metrics;

namespace PrivClust.Net.Dealer;

/// <summary>The dealer's metrics at /metrics: sessions opened and active, correlations served per kind, correction bytes sent.</summary>
public sealed class DealerMetrics(DealerSessionStore store)
{
    private readonly ConcurrentDictionary<string, long> _correlations = new(StringComparer.Ordinal);
    private long _seedsServed;
    private long _correctionBytes;

    public void SeedServed() => Interlocked.Increment(ref _seedsServed);

    public void Served(CorrelationRequest request, long correctionBytes)
    {
        _correlations.AddOrUpdate(request.Kind.ToString(), request.Count, (_, total) => total + request.Count);
        Interlocked.Add(ref _correctionBytes, correctionBytes);
    }

    public string Render() => new PrometheusText()
        .Counter("privclust_dealer_seeds_served_total", "Session seeds handed to parties (two per session).", Interlocked.Read(ref _seedsServed))
        .Gauge("privclust_dealer_active_sessions", "Dealer sessions open now.", store.OpenSessions)
        .LabelledCounter("privclust_dealer_correlations_served_total", "Correlations whose corrections were streamed to party b, per kind.", "kind",
            _correlations.OrderBy(p => p.Key, StringComparer.Ordinal))
        .Counter("privclust_dealer_correction_bytes_sent_total", "Correction bytes streamed to party b.", Interlocked.Read(ref _correctionBytes))
        .ToString();
}
