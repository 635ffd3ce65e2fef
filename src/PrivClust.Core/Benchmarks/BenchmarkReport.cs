namespace PrivClust.Core.Benchmarks;

/// <summary>One workload's measurements (the JSON fields of <c>privclust bench --json</c>).</summary>
public sealed record BenchmarkReport
{
    public required string Workload { get; init; }
    public required string Mode { get; init; }
    public required int N { get; init; }
    public required int D { get; init; }
    public required int K { get; init; }
    public required int Iterations { get; init; }
    public required TimingSummary IterationMs { get; init; }
    public required double TotalMs { get; init; }
    public required double RoundsPerIteration { get; init; }
    public required PartyBytes BytesPerIteration { get; init; }
    public required PartyMegabytes PeakRssMb { get; init; }
    public required double PlaintextIterationMs { get; init; }
    public required double FloorMs { get; init; }
    public required IReadOnlyList<PhaseReport> Phases { get; init; }
}

public sealed record TimingSummary(double Median, double Min, double Max)
{
    public static TimingSummary Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new TimingSummary(0, 0, 0);
        }
        double[] sorted = [.. values.Order()];
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return new TimingSummary(median, sorted[0], sorted[^1]);
    }
}

public sealed record PartyBytes(double A, double B, double Dealer);

public sealed record PartyMegabytes(double A, double B, double Dealer);

/// <summary>One phase of party a's whole job: time inside the phase, rounds and bytes sent.</summary>
public sealed record PhaseReport(string Phase, double Ms, long Rounds, long BytesSent);
