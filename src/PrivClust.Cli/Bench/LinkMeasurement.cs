namespace PrivClust.Cli.Bench;

/// <summary>The link between the parties as the probe measured it: round-trip time and stream throughput.</summary>
public sealed record LinkMeasurement(double RoundTripMs, double ThroughputBytesPerSecond)
{
    /// <summary>The floor of one iteration: bytes ÷ throughput + rounds × round-trip time, in milliseconds.</summary>
    public double FloorMs(double bytesPerParty, double rounds) =>
        bytesPerParty / ThroughputBytesPerSecond * 1000 + rounds * RoundTripMs;

    public override string ToString() => $"RTT {RoundTripMs:F3} ms, throughput {ThroughputBytesPerSecond / 1e6:F0} MB/s";
}
