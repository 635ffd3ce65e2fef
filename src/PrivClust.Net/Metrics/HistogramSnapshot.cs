namespace PrivClust.Net.Metrics;

/// <summary>A histogram's state at one moment: per-bucket (not cumulative) counts, their upper bounds, the sum and count.</summary>
public sealed record HistogramSnapshot(IReadOnlyList<double> UpperBounds, IReadOnlyList<long> Counts, double Sum, long Count);
