using System.Diagnostics;
using PrivClust.Core.Channels;
using PrivClust.Core.Protocols;
using PrivClust.Net.Peer;
using PrivClust.Net.Tests.Support;
using PrivClust.Net.Wire;

namespace PrivClust.Net.Tests.Transport;

/// <summary>A broken session fails fast with a <see cref="ChannelException"/> that says why; nothing hangs.</summary>
public class LinkFailureTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task A_handshake_mismatch_fails_both_sides_fast_naming_the_parameter()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(1));
        SessionParameters Parameters(int party) =>
            GrpcTwoParty.DefaultParameters("mismatch", party) with { FractionalBits = party == 0 ? 16 : 20 };
        var watch = Stopwatch.StartNew();

        var (t0, t1) = GrpcTwoParty.Start(network, "mismatch", OneRound, OneRound, parameters: Parameters);

        var e0 = await Assert.ThrowsAsync<ChannelException>(() => t0);
        var e1 = await Assert.ThrowsAsync<ChannelException>(() => t1);
        Assert.Contains("Handshake mismatch in session mismatch: fractional bits", e0.Message);
        Assert.Contains("Handshake mismatch in session mismatch: fractional bits", e1.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_shape_mismatch_is_refused()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(1));
        SessionParameters Parameters(int party) => GrpcTwoParty.DefaultParameters("shape", party) with
        {
            ExpectedPeerShape = party == 0 ? new TableShape(999, 1) : null,
        };

        var (t0, t1) = GrpcTwoParty.Start(network, "shape", OneRound, OneRound, parameters: Parameters);

        var e0 = await Assert.ThrowsAsync<ChannelException>(() => t0);
        Assert.Contains("shape of the peer's data: expected 999×1, got 101×1", e0.Message);
        var e1 = await Assert.ThrowsAsync<ChannelException>(() => t1);
        Assert.Contains("shape of this party's data as the peer expects it", e1.Message);
    }

    [Fact]
    public async Task A_silent_peer_fails_the_exchange_within_the_receive_timeout()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(1), ShortTimeout);
        using var release = new ManualResetEventSlim();
        var watch = Stopwatch.StartNew();

        var (t0, t1) = GrpcTwoParty.Start(network, "silent", OneRound, s => { release.Wait(TimeSpan.FromSeconds(20)); return 0UL; });

        var e0 = await Assert.ThrowsAsync<ChannelException>(() => t0);
        Assert.Contains("no answer within the receive timeout", e0.Message);
        Assert.InRange(watch.Elapsed, ShortTimeout * 0.9, ShortTimeout * 4);
        release.Set();
        await t1;
    }

    [Fact]
    public async Task A_peer_that_hangs_up_mid_session_fails_the_other_side_at_once()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(1), TimeSpan.FromSeconds(20));
        var watch = Stopwatch.StartNew();

        // Party b does one round and ends its session; party a expects a second round.
        var (t0, t1) = GrpcTwoParty.Start(network, "hangup", s => OneRound(s) + OneRound(s), OneRound, dialer: 1);

        await t1;
        var e0 = await Assert.ThrowsAsync<ChannelException>(() => t0);
        Assert.Contains("step 2", e0.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_stopped_peer_endpoint_fails_the_dialer_not_hangs()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(1), TimeSpan.FromSeconds(20));
        using var stopped = new ManualResetEventSlim();
        var watch = Stopwatch.StartNew();

        var (t0, t1) = GrpcTwoParty.Start(network, "killed", s => OneRound(s) + OneRound(s), s =>
        {
            OneRound(s);
            LoopbackNetwork.StopAsync(network.PartyEndpoints[1]).GetAwaiter().GetResult();
            stopped.Set();
            return OneRound(s);
        });

        var e0 = await Assert.ThrowsAsync<ChannelException>(() => t0);
        Assert.Contains("Peer link of session killed, step 2", e0.Message);
        await Assert.ThrowsAsync<ChannelException>(() => t1);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_message_of_the_wrong_length_is_a_protocol_mismatch()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(1));
        ulong Send(PartySession s, int count)
        {
            var receive = new ulong[3];
            s.Exchange<ulong>(new ulong[count], receive);
            return 0;
        }

        var (t0, t1) = GrpcTwoParty.Start(network, "length", s => Send(s, 3), s => Send(s, 4));

        var e0 = await Assert.ThrowsAsync<ChannelException>(() => t0);
        Assert.Contains("expected a message of 24 bytes, the peer sent 32", e0.Message);
        await Task.WhenAny(t1); // party b got what it expected; whether it sees the teardown first is a race
        Assert.True(t1.IsCompletedSuccessfully || t1.Exception?.InnerException is ChannelException);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_cancelled_party_tells_the_other_why_before_the_link_ends(int dialer)
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new HarnessSeedSource(1), TimeSpan.FromSeconds(20));
        using var cancel = new CancellationTokenSource();
        ulong Rounds(PartySession s)
        {
            for (int i = 0; ; i++)
            {
                OneRound(s);
                if (i == 20 && s.PartyIndex == 0)
                {
                    cancel.Cancel();
                }
            }
        }

        var (t0, t1) = GrpcTwoParty.Start(network, "cancelled-" + dialer, Rounds, Rounds, dialer, cancel0: cancel.Token);

        var e0 = await Assert.ThrowsAsync<ChannelException>(() => t0);
        Assert.Contains("the job was cancelled", e0.Message);
        var e1 = await Assert.ThrowsAsync<ChannelException>(() => t1);
        Assert.True(e1.Message.Contains("the peer aborted the session: its operator cancelled the job", StringComparison.Ordinal), e1.Message);
    }

    private static ulong OneRound(PartySession session)
    {
        var receive = new ulong[4];
        session.Exchange<ulong>(new ulong[] { 1, 2, 3, (ulong)session.PartyIndex }, receive);
        return receive[3];
    }
}
