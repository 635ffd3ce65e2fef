namespace PrivClust.Core.Channels;

/// <summary>Traffic of one party in one named phase: rounds (exchanges), messages and bytes.</summary>
public sealed class PhaseCounters
{
    public long Rounds { get; set; }
    public long MessagesSent { get; set; }
    public long BytesSent { get; set; }
    public long BytesReceived { get; set; }

    /// <summary>Wall time spent inside scopes of this phase (compute and waiting).</summary>
    public TimeSpan Elapsed { get; set; }

    public PhaseCounters Copy() => (PhaseCounters)MemberwiseClone();

    public void Add(PhaseCounters other)
    {
        Rounds += other.Rounds;
        MessagesSent += other.MessagesSent;
        BytesSent += other.BytesSent;
        BytesReceived += other.BytesReceived;
        Elapsed += other.Elapsed;
    }
}
