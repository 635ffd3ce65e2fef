using System.Security.Cryptography;
using PrivClust.Net.Wire;

namespace PrivClust.Net.Dealer;

/// <summary>Fresh, independent 16-byte seeds from the operating system's CSPRNG.</summary>
public sealed class RandomDealerSeedSource : IDealerSeedSource
{
    public (byte[] Seed0, byte[] Seed1) NewSession(string sessionId) =>
        (RandomNumberGenerator.GetBytes(WireLimits.SeedBytes), RandomNumberGenerator.GetBytes(WireLimits.SeedBytes));
}
