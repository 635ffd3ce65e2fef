using PrivClust.Core.Harness;
using PrivClust.Net.Dealer;

namespace PrivClust.Net.Tests.Support;

/// <summary>The dealer seeds <see cref="TwoPartyHarness"/> derives from a run seed, so gRPC runs are comparable to harness runs.</summary>
internal sealed class HarnessSeedSource(ulong seed) : IDealerSeedSource
{
    public (byte[] Seed0, byte[] Seed1) NewSession(string sessionId) =>
        (TwoPartyHarness.DeriveSeed(seed, "dealer/party0"), TwoPartyHarness.DeriveSeed(seed, "dealer/party1"));
}
