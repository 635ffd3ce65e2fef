namespace PrivClust.Net.Dealer;

/// <summary>Where the dealer's two seeds of a new session come from (random in production; derived in reproducible tests).</summary>
public interface IDealerSeedSource
{
    (byte[] Seed0, byte[] Seed1) NewSession(string sessionId);
}
