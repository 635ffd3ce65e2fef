using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>A party's traffic so far: rounds and bytes on the peer link, bytes received from the dealer.</summary>
internal readonly record struct PartyStatsSnapshot(long Rounds, long BytesSent, long BytesReceived, long DealerBytes)
{
    public static PartyStatsSnapshot Of(PartySession session)
    {
        var total = session.Stats.Total;
        return new PartyStatsSnapshot(total.Rounds, total.BytesSent, total.BytesReceived, session.Correlations.CorrectionBytesReceived);
    }
}
