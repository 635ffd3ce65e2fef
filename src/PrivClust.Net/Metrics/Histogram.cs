namespace PrivClust.Net.Metrics;

/// <summary>A thread-safe histogram with fixed bucket upper bounds (values above the last go only to +Inf).</summary>
public sealed class Histogram(params double[] upperBounds)
{
    private readonly Lock _gate = new();
    private readonly long[] _counts = new long[upperBounds.Length];
    private double _sum;
    private long _count;

    public void Observe(double value)
    {
        lock (_gate)
        {
            int bucket = Array.FindIndex(upperBounds, bound => value <= bound);
            if (bucket >= 0)
            {
                _counts[bucket]++;
            }
            _sum += value;
            _count++;
        }
    }

    public HistogramSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new HistogramSnapshot(upperBounds, [.. _counts], _sum, _count);
        }
    }
}
