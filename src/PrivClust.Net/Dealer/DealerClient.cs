using Grpc.Core;
using PrivClust.Core.Channels;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Dealer;

/// <summary>A party's client of the dealer: opens its side of a session and, for party b, the correction feed.</summary>
public sealed class DealerClient(Protos.V1.Dealer.DealerClient dealer)
{
    /// <summary>First wait between attempts to reach an unreachable dealer; doubled after each, up to <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    /// <summary>
    /// This party's 16-byte seed for the session. An unreachable dealer (Unavailable) is retried with
    /// exponential backoff until <paramref name="timeout"/> has passed; a refusal is final.
    /// </summary>
    public Task<byte[]> OpenSessionAsync(string sessionId, int partyIndex, TimeSpan timeout, CancellationToken cancellation) =>
        SeedAsync(sessionId, partyIndex, resume: false, timeout, cancellation);

    /// <summary>This party's seed of a session it opened before its restart (retried like <see cref="OpenSessionAsync"/>).</summary>
    public Task<byte[]> ResumeSessionAsync(string sessionId, int partyIndex, TimeSpan timeout, CancellationToken cancellation) =>
        SeedAsync(sessionId, partyIndex, resume: true, timeout, cancellation);

    private async Task<byte[]> SeedAsync(string sessionId, int partyIndex, bool resume, TimeSpan timeout, CancellationToken cancellation)
    {
        DateTime giveUp = DateTime.UtcNow + timeout;
        TimeSpan backoff = FirstBackoff;
        while (true)
        {
            try
            {
                return await OpenOnceAsync(sessionId, partyIndex, resume, giveUp, cancellation);
            }
            catch (ChannelException e) when (e.InnerException is RpcException { StatusCode: StatusCode.Unavailable } && DateTime.UtcNow + backoff < giveUp)
            {
                await Task.Delay(backoff, cancellation);
                backoff = TimeSpan.FromTicks(Math.Min(2 * backoff.Ticks, MaxBackoff.Ticks));
            }
        }
    }

    private async Task<byte[]> OpenOnceAsync(string sessionId, int partyIndex, bool resume, DateTime deadline, CancellationToken cancellation)
    {
        try
        {
            var request = new OpenSessionRequest { SessionId = sessionId, PartyIndex = partyIndex };
            OpenSessionReply reply = resume
                ? await dealer.ResumeSessionAsync(request, deadline: deadline, cancellationToken: cancellation)
                : await dealer.OpenSessionAsync(request, deadline: deadline, cancellationToken: cancellation);
            if (reply.Seed.Length != WireLimits.SeedBytes)
            {
                throw new ChannelException($"The dealer sent a seed of {reply.Seed.Length} bytes for session {sessionId}.");
            }
            return reply.Seed.ToByteArray();
        }
        catch (RpcException e)
        {
            throw new ChannelException($"The dealer refused or failed to open session {sessionId} for party index {partyIndex} ({e.StatusCode}: {e.Status.Detail}).", e);
        }
    }

    /// <summary>Party b's correction stream for the session (resumed at a checkpoint's position when given).</summary>
    public DealerCorrectionFeed OpenFeed(string sessionId, TimeSpan timeout, CancellationToken cancellation, ulong? resumeAt = null) =>
        new(dealer, sessionId, timeout, cancellation, resumeAt);
}
