using PrivClust.Core.Channels;

namespace PrivClust.Net.Tests.Support;

/// <summary>What one party's function returned over gRPC, with its channel counters and the dealer bytes it received.</summary>
internal sealed record PartyOutcome<T>(T Value, ChannelStats Stats, long DealerBytes);
