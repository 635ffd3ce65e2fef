using Grpc.Core;
using PrivClust.Core.Correlations;
using PrivClust.Net.Dealer;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Dealer;

/// <summary>
/// Resuming a dealer session after a party's restart: the same seed only to the identity that opened that index, a
/// correction stream resumed at a checkpoint mark serves exactly what the original served from there, and the
/// correction requests a party may make are bounded by default.
/// </summary>
public class DealerResumeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static readonly CorrelationRequest[] Requests =
    [
        new(CorrelationKind.MatrixMask, 1, 0, 6, 2), new(CorrelationKind.BeaverTriple64, 5), new(CorrelationKind.LeftMatrixTriple, 3, 0, 6, 2),
        new(CorrelationKind.AndTriple, 4, 2), new(CorrelationKind.RightMatrixTriple, 3, 0, 6, 2), new(CorrelationKind.DaBit64, 9),
    ];

    /// <param name="awaited">The mark's acknowledgement awaited at once (<see cref="DealerCorrectionFeed.Mark"/>), or taken on the way by the next read.</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stream_resumed_at_a_mark_serves_the_same_corrections_and_the_seed_goes_only_to_its_opener(bool awaited)
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new RandomDealerSeedSource());
        var partyA = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-a"));
        var partyB = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-b"));
        OpenSessionReply seedA = await partyA.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 0 });
        OpenSessionReply seedB = await partyB.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 });

        var original = new List<byte[]>();
        ulong resumeAt;
        var feed = new DealerCorrectionFeed(partyB, "s", Timeout, CancellationToken.None);
        original.AddRange(Requests[..3].Select(r => Read(feed, r)));
        resumeAt = awaited ? feed.Mark() : feed.SendMark();
        original.AddRange(Requests[3..].Select(r => Read(feed, r)));
        feed.AwaitMark(resumeAt); // acknowledged already: returns at once
        feed.Prefetch([Requests[0]]);
        Assert.Throws<InvalidOperationException>(() => feed.SendMark()); // between announced requests
        feed.Abandon(); // party b "crashes": the stream breaks, the marked session is kept

        var stranger = await Assert.ThrowsAsync<RpcException>(() => partyA.ResumeSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, stranger.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => partyB.ResumeSessionAsync(new OpenSessionRequest { SessionId = "other", PartyIndex = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(seedA.Seed, (await partyA.ResumeSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 0 })).Seed);
        Assert.Equal(seedB.Seed, (await partyB.ResumeSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 })).Seed);

        await using (var resumed = new DealerCorrectionFeed(partyB, "s", Timeout, CancellationToken.None, resumeAt))
        {
            for (int i = 3; i < Requests.Length; i++)
            {
                Assert.Equal(original[i], Read(resumed, Requests[i]));
            }
        }
        // The resumed stream ended gracefully: the job is done and the session is gone.
        var closed = await Assert.ThrowsAsync<RpcException>(() => partyB.ResumeSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, closed.StatusCode);
    }

    /// <param name="marked">Boundaries are checkpointed (the sink turns marking on); else announcing across a boundary is a plain announcement.</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_boundary_announced_ahead_is_marked_at_its_place_in_the_stream_and_a_resume_there_serves_the_same(bool marked)
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new RandomDealerSeedSource());
        var partyB = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-b"));
        await partyB.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 });
        var feed = new DealerCorrectionFeed(partyB, "s", Timeout, CancellationToken.None) { MarksBoundaries = marked };
        feed.Prefetch(Requests[..3]);
        feed.PrefetchAfterBoundary(Requests[3..]);   // announced before the boundary after Requests[2] is reached
        var original = Requests[..3].Select(r => Read(feed, r)).ToList();
        ulong sent = feed.Requests;
        if (!marked)
        {
            Assert.Throws<InvalidOperationException>(() => feed.SendMark()); // no mark ahead: the rest is announced and unread
            await feed.DisposeAsync();
            return;
        }
        ulong resumeAt = feed.SendMark();
        Assert.Equal(sent, feed.Requests);             // the mark sent ahead is taken: nothing new goes out
        Assert.Equal(4UL, resumeAt);                   // requests 0–2, the mark (3), then the rest from 4
        original.AddRange(Requests[3..].Select(r => Read(feed, r)));   // the acknowledgement is taken on the way
        feed.AwaitMark(resumeAt);
        feed.Abandon();

        await partyB.ResumeSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 });
        await using var resumed = new DealerCorrectionFeed(partyB, "s", Timeout, CancellationToken.None, resumeAt);
        for (int i = 3; i < Requests.Length; i++)
        {
            Assert.Equal(original[i], Read(resumed, Requests[i]));
        }
    }

    [Fact]
    public async Task A_resume_at_a_position_without_a_mark_or_of_an_unmarked_session_is_refused()
    {
        await using LoopbackNetwork network = await LoopbackNetwork.StartAsync(new RandomDealerSeedSource());
        var partyB = new Protos.V1.Dealer.DealerClient(network.Connect(network.DealerAddress, "party-b"));
        await partyB.OpenSessionAsync(new OpenSessionRequest { SessionId = "s", PartyIndex = 1 });
        var feed = new DealerCorrectionFeed(partyB, "s", Timeout, CancellationToken.None);
        Read(feed, Requests[1]);
        feed.Mark();
        feed.Abandon();

        await using (var wrong = new DealerCorrectionFeed(partyB, "s", Timeout, CancellationToken.None, resumeAt: 1))
        {
            var refused = Assert.Throws<Core.Channels.ChannelException>(() => Read(wrong, Requests[1]));
            Assert.Contains("no checkpoint mark at request 1", refused.Message);
        }

        await partyB.OpenSessionAsync(new OpenSessionRequest { SessionId = "unmarked", PartyIndex = 1 });
        var plain = new DealerCorrectionFeed(partyB, "unmarked", Timeout, CancellationToken.None);
        Read(plain, Requests[1]);
        plain.Abandon();
        await Task.Delay(200);
        var gone = await Assert.ThrowsAsync<RpcException>(() => partyB.ResumeSessionAsync(new OpenSessionRequest { SessionId = "unmarked", PartyIndex = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, gone.StatusCode);
    }

    [Fact]
    public void By_default_a_correction_request_is_bounded_well_below_a_gibibyte()
    {
        long limit = new DealerOptions().MaxCorrectionBytesPerRequest;
        Assert.True(limit <= 128L << 20);
        var huge = CorrectionWire.ToWire("s", 0, new CorrelationRequest(CorrelationKind.BeaverTriple64, 1 << 27));
        var refused = Assert.Throws<RpcException>(() => CorrectionWire.FromWire(huge, limit));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("more than the 134217728 allowed", refused.Status.Detail);
        CorrectionWire.FromWire(CorrectionWire.ToWire("s", 0, new CorrelationRequest(CorrelationKind.DaBit64, 8_000_000)), limit);
    }

    private static byte[] Read(DealerCorrectionFeed feed, CorrelationRequest request)
    {
        byte[] corrections = new byte[request.CorrectionBytes];
        feed.Read(request, corrections);
        return corrections;
    }
}
