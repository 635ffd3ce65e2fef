using System.Security.Cryptography;
using PrivClust.Core.Arithmetic;
using PrivClust.Core.Channels;
using PrivClust.Core.Correlations;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Harness;

/// <summary>
/// Runs party 0, party 1 and an in-process dealer concurrently in one process over an in-memory channel.
/// All randomness (the dealer's two seeds and the parties' common seed) derives from one 64-bit seed, so a
/// run is reproducible. If one party fails, the other's blocked exchange is cancelled and the first failure
/// is rethrown.
/// </summary>
public static class TwoPartyHarness
{
    public static TwoPartyResult<T> Run<T>(ulong seed, Func<PartySession, T> party, FixedPoint? fixedPoint = null) =>
        Run(seed, party, party, fixedPoint);

    public static TwoPartyResult<T> Run<T>(ulong seed, Func<PartySession, T> party0, Func<PartySession, T> party1,
        FixedPoint? fixedPoint = null, Action<PartySession>? configure = null, Func<ICorrectionFeed, ICorrectionFeed>? wrapFeed = null)
    {
        FixedPoint fp = fixedPoint ?? new FixedPoint();
        byte[] seed0 = DeriveSeed(seed, "dealer/party0");
        byte[] seed1 = DeriveSeed(seed, "dealer/party1");
        byte[] common = DeriveSeed(seed, "common");
        var dealer = new DealerGenerator(seed0, seed1);
        using var cancel = new CancellationTokenSource();
        (InMemoryChannel c0, InMemoryChannel c1) = InMemoryChannel.CreatePair(cancel.Token);
        var s0 = new PartySession(0, c0, new SeededCorrelationSource(0, seed0, null), common, fp);
        ICorrectionFeed feed = new InProcessDealerFeed(dealer);
        var s1 = new PartySession(1, c1, new SeededCorrelationSource(1, seed1, wrapFeed?.Invoke(feed) ?? feed), common, fp);
        configure?.Invoke(s0);
        configure?.Invoke(s1);
        Task<T> t0 = Start(() => party0(s0), cancel);
        Task<T> t1 = Start(() => party1(s1), cancel);
        try
        {
            Task.WaitAll(t0, t1);
        }
        catch (AggregateException)
        {
            throw FirstRootCause(t0, t1);
        }
        return new TwoPartyResult<T>(t0.Result, t1.Result, s0.Stats, s1.Stats, dealer.BytesGenerated);
    }

    /// <summary>A 16-byte seed derived from a 64-bit run seed and a purpose.</summary>
    public static byte[] DeriveSeed(ulong seed, string purpose)
    {
        byte[] key = BitConverter.GetBytes(seed);
        return HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes("privclust/harness/" + purpose))[..16];
    }

    private static Task<T> Start<T>(Func<T> body, CancellationTokenSource cancel) =>
        Task.Factory.StartNew(() =>
        {
            try
            {
                return body();
            }
            catch
            {
                cancel.Cancel();
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static Exception FirstRootCause(Task t0, Task t1)
    {
        // A ChannelException caused by the peer's failure is a consequence; prefer the original error.
        Exception? Cause(Task t) => t.Exception?.InnerException;
        Exception? e0 = Cause(t0), e1 = Cause(t1);
        if (e0 is not null and not ChannelException)
        {
            return e0;
        }
        return e1 is not null and not ChannelException ? e1 : (e0 ?? e1)!;
    }
}
