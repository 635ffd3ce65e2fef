using PrivClust.Core.Channels;

namespace PrivClust.Core.Harness;

/// <summary>What each party's function returned, with each party's channel counters and the dealer's traffic.</summary>
public sealed record TwoPartyResult<T>(T Party0, T Party1, ChannelStats Stats0, ChannelStats Stats1, long DealerBytes)
{
    /// <summary>Rounds of party 0 (both parties run the same number of rounds).</summary>
    public long Rounds => Stats0.Total.Rounds;

    /// <summary>Bytes party 0 sent to party 1.</summary>
    public long BytesSent0 => Stats0.Total.BytesSent;

    /// <summary>Bytes party 1 sent to party 0.</summary>
    public long BytesSent1 => Stats1.Total.BytesSent;
}
