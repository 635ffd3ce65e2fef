namespace PrivClust.Net.Party;

/// <summary>This party's measurements of a finished job, written beside its result.</summary>
public sealed record JobRunSummary(string PartyName, double WallMs, long Rounds, long BytesSent, long BytesReceived, long DealerBytes);
