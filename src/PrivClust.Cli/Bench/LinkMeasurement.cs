namespace PrivClust.Cli.Bench;

/// <summary>The link between the parties as the probe measured it: round-trip time and stream throughput.</summary>
public sealed record LinkMeasurement(double RoundTripMs, double ThroughputBytesPerSecond)
{
    /// <summary>
    /// The floor of one iteration in milliseconds: bytes ÷ throughput + rounds × the time of one round. A round is a
    /// simultaneous exchange (both parties send, then each receives what the other sent at the same moment), so on a
    /// symmetric link it costs one one-way latency, half the echo's round-trip time; the in-process benchmark's
    /// round time is likewise one exchange. (Rounds × the full RTT is not a floor: mall-kmeans at 20 ms RTT runs
    /// 40 rounds in about 0.45 s, not 0.8 s.)
    /// </summary>
    public double FloorMs(double bytesPerParty, double rounds) =>
        bytesPerParty / ThroughputBytesPerSecond * 1000 + rounds * RoundTripMs / 2;

    /// <summary>
    /// The better of two measurements of the same link (the lower RTT, the higher throughput): a probe on a busy or cold
    /// moment only underestimates the link, and a floor must not exceed what the link can do (a probe right after the
    /// daemons started once measured a floor above the job's own time).
    /// </summary>
    public static LinkMeasurement Best(LinkMeasurement first, LinkMeasurement second) =>
        new(Math.Min(first.RoundTripMs, second.RoundTripMs), Math.Max(first.ThroughputBytesPerSecond, second.ThroughputBytesPerSecond));

    public override string ToString() => $"RTT {RoundTripMs:F3} ms, throughput {ThroughputBytesPerSecond / 1e6:F0} MB/s";
}
