namespace PrivClust.Cli.Bench;

/// <summary>
/// Where each process of a three-process benchmark runs: a launcher prefix (e.g. <c>ip netns exec ns-b</c>) and
/// the IP address it listens on. By default all on 127.0.0.1 in this network namespace. The echo server stands
/// where party b runs, so the probe (run from this process, beside party a) crosses the same link as the peer stream.
/// <see cref="OneWayDelay"/> (for kernels without netem) routes every connection across the a–b link (a→b, b→a,
/// a→dealer, probe→echo) through a <see cref="DelayRelay"/> in this process that adds the delay each way;
/// <see cref="RemoteDealer"/> puts party b's dealer connection behind a relay too (a dealer far from both parties).
/// </summary>
public sealed record BenchPlacement(Site Dealer, Site A, Site B, TimeSpan OneWayDelay = default, bool RemoteDealer = false)
{
    public static BenchPlacement Loopback { get; } = new(Site.Local, Site.Local, Site.Local);

    public Site Of(string role) => role switch { "dealer" => Dealer, "a" => A, _ => B };
}
