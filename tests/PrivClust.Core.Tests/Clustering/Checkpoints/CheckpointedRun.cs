using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Correlations;
using PrivClust.Core.Harness;

namespace PrivClust.Core.Tests.Clustering.Checkpoints;

/// <summary>
/// A job run once uninterrupted with both parties' checkpoints recorded (party b's with the dealer's state at its mark),
/// then resumed from any of them in fresh sessions with the same seeds and the dealer rebuilt at b's mark. Party b's
/// feed checks that at a boundary every request announced before it is read and none announced after it (the networked
/// sink marks the dealer stream there, or has marked it ahead).
/// </summary>
internal sealed class CheckpointedRun
{
    private const ulong Seed = 11;

    private readonly JobSpec _spec;
    private readonly PartyDataset _a, _b;
    private readonly JobShape _shape;

    private CheckpointedRun(JobSpec spec, PartyDataset a, PartyDataset b, JobShape shape)
    {
        (_spec, _a, _b, _shape) = (spec, a, b, shape);
        DealerGenerator dealer = Dealer();
        var feed = new AnnouncementCheck(new InProcessDealerFeed(dealer));
        var sinkA = new RecordingSink(null, null);
        var sinkB = new RecordingSink(dealer, feed);
        Whole = TwoPartyHarness.Run(Seed,
            s => SecureClustering.Run(s, spec, a, shape, checkpointing: new JobCheckpointing(sinkA)),
            s => SecureClustering.Run(s, spec, b, shape, checkpointing: new JobCheckpointing(sinkB)),
            wrapFeed: _ => feed);
        (SavedA, SavedB, DealerMarks, AnnouncedAtBoundaryB) = (sinkA.Saved, sinkB.Saved, sinkB.DealerMarks, sinkB.UnreadAtSave);
        Assert.Equal(SavedA.Select(c => c.Number), SavedB.Select(c => c.Number));
        Assert.Equal(Enumerable.Range(0, SavedA.Count).Select(n => (long)n), SavedA.Select(c => c.Number));
    }

    public TwoPartyResult<JobResult> Whole { get; }
    public IReadOnlyList<JobCheckpoint> SavedA { get; }
    public IReadOnlyList<JobCheckpoint> SavedB { get; }

    /// <summary>For each of party b's boundaries: the dealer requests of the next iteration already announced (and unread) there.</summary>
    public IReadOnlyList<int> AnnouncedAtBoundaryB { get; }
    private IReadOnlyList<DealerGeneratorState> DealerMarks { get; }

    public static CheckpointedRun Of(JobSpec spec, PartyDataset a, PartyDataset b, JobShape shape) => new(spec, a, b, shape);

    /// <summary>Resumes from checkpoint <paramref name="at"/>; returns the results and party a's checkpoints of the resumed run.</summary>
    public (TwoPartyResult<JobResult> Result, IReadOnlyList<JobCheckpoint> Saved) ResumeFrom(int at, JobSpec? spec = null)
    {
        JobSpec run = spec ?? _spec;
        var resumedDealer = new DealerGenerator(TwoPartyHarness.DeriveSeed(Seed, "dealer/party0"), TwoPartyHarness.DeriveSeed(Seed, "dealer/party1"),
            DealerMarks[at]);
        var again = new RecordingSink(null, null);
        var resumed = TwoPartyHarness.Run(Seed,
            s => SecureClustering.Run(s, run, _a, _shape, checkpointing: new JobCheckpointing(again, SavedA[at])),
            s => SecureClustering.Run(s, run, _b, _shape, checkpointing: new JobCheckpointing(new RecordingSink(null, null), SavedB[at])),
            wrapFeed: _ => new AnnouncementCheck(new InProcessDealerFeed(resumedDealer)));
        return (resumed, again.Saved);
    }

    /// <summary>Resumes from checkpoint <paramref name="at"/> and asserts both parties end bit-identical to the uninterrupted run.</summary>
    public void AssertResumesIdentically(int at)
    {
        (TwoPartyResult<JobResult> resumed, IReadOnlyList<JobCheckpoint> again) = ResumeFrom(at);
        foreach ((JobResult expected, JobResult actual) in new[] { (Whole.Party0, resumed.Party0), (Whole.Party1, resumed.Party1) })
        {
            Assert.Equal(expected.Centroids, actual.Centroids);
            Assert.Equal(expected.OwnLabels, actual.OwnLabels);
            Assert.Equal(expected.K, actual.K);
            Assert.Equal(expected.Iterations, actual.Iterations);
            Assert.Equal(expected.Converged, actual.Converged);
            Assert.Equal(expected.ConvergedBits, actual.ConvergedBits);
            Assert.Equal(expected.Inertia, actual.Inertia);
            Assert.Equal(expected.Sizes, actual.Sizes);
            Assert.Equal(expected.ElbowLosses, actual.ElbowLosses);
            Assert.Equal(expected.Knee, actual.Knee);
        }
        Assert.Equal(SavedA.Skip(at + 1).Select(c => c.Number), again.Select(c => c.Number));
        Assert.Equal(SavedA.Skip(at + 1).Select(c => c.State.Algorithm), again.Select(c => c.State.Algorithm));
    }

    private static DealerGenerator Dealer() =>
        new(TwoPartyHarness.DeriveSeed(Seed, "dealer/party0"), TwoPartyHarness.DeriveSeed(Seed, "dealer/party1"));

    private sealed class RecordingSink(DealerGenerator? dealer, AnnouncementCheck? feed) : ICheckpointSink
    {
        public List<JobCheckpoint> Saved { get; } = [];
        public List<DealerGeneratorState> DealerMarks { get; } = [];
        public List<int> UnreadAtSave { get; } = [];

        public void Save(JobCheckpoint checkpoint)
        {
            Assert.True(feed?.AtMarkablePosition ?? true, $"checkpoint {checkpoint.Number}: party b is not at a markable stream position");
            UnreadAtSave.Add(feed?.Unread ?? 0);
            Saved.Add(checkpoint);
            if (dealer is not null)
            {
                DealerMarks.Add(dealer.Snapshot());
            }
        }
    }

    /// <summary>Party b's feed, counting the requests announced (prefetch) and not read yet, and checking they are read as announced.</summary>
    private sealed class AnnouncementCheck(ICorrectionFeed inner) : ICorrectionFeed
    {
        private readonly Queue<CorrelationRequest> _announced = new();
        private readonly HashSet<long> _boundaries = [];
        private long _read, _total;

        public int Unread => _announced.Count;

        /// <summary>Like the networked feed: the protocols rehearse and announce their plans.</summary>
        public bool WantsPlans => true;

        /// <summary>
        /// Party b stands where a checkpoint mark can go: nothing announced is unread, or everything announced before a
        /// boundary announced ahead (<see cref="PrefetchAfterBoundary"/>, where the networked feed marks the dealer stream)
        /// is read and nothing after it.
        /// </summary>
        public bool AtMarkablePosition => _announced.Count == 0 || _boundaries.Contains(_read);

        public void Prefetch(IReadOnlyList<CorrelationRequest> upcoming)
        {
            foreach (CorrelationRequest request in upcoming)
            {
                _announced.Enqueue(request);
            }
            _total += upcoming.Count;
        }

        public void PrefetchAfterBoundary(IReadOnlyList<CorrelationRequest> upcoming)
        {
            Assert.Equal(_total, _read + _announced.Count);
            _boundaries.Add(_total);
            Prefetch(upcoming);
        }

        public void Read(in CorrelationRequest request, Span<byte> corrections)
        {
            if (_announced.TryDequeue(out CorrelationRequest announced))
            {
                Assert.Equal(announced, request);
            }
            else
            {
                _total++;   // an unannounced read takes the next place in the stream
            }
            _read++;
            inner.Read(request, corrections);
        }
    }
}
