using PrivClust.Core.Clustering;
using PrivClust.Core.Correlations;
using PrivClust.Core.Harness;
using PrivClust.Core.Tests.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Secure;

/// <summary>The prefetch plan Lloyd announces to the dealer feed is exactly what party b then reads.</summary>
public class PrefetchTests
{
    /// <param name="wantsPlans">Like a remote dealer's feed (the protocols then rehearse their first stretch to announce it).</param>
    private sealed class CheckingFeed(ICorrectionFeed inner, bool wantsPlans = true) : ICorrectionFeed
    {
        private readonly Queue<CorrelationRequest> _announced = new();

        public int Announced { get; private set; }
        public int AnnouncedAhead { get; private set; }
        public int Served { get; private set; }
        public int Unannounced { get; private set; }

        /// <summary>The kinds of the reads, in order, each with whether it had been announced.</summary>
        public List<(CorrelationKind Kind, bool Announced)> Reads { get; } = [];

        public bool WantsPlans => wantsPlans;

        public void Prefetch(IReadOnlyList<CorrelationRequest> upcoming)
        {
            Assert.Empty(_announced); // a plan is announced only once the previous one was consumed
            foreach (CorrelationRequest r in upcoming)
            {
                _announced.Enqueue(r);
            }
            Announced += upcoming.Count;
        }

        /// <summary>The next iteration, announced while this one's plan is still being read.</summary>
        public void PrefetchAfterBoundary(IReadOnlyList<CorrelationRequest> upcoming)
        {
            foreach (CorrelationRequest r in upcoming)
            {
                _announced.Enqueue(r);
            }
            Announced += upcoming.Count;
            AnnouncedAhead += upcoming.Count;
        }

        public void Read(in CorrelationRequest request, Span<byte> corrections)
        {
            Reads.Add((request.Kind, _announced.Count > 0));
            if (_announced.Count > 0)
            {
                Assert.Equal(_announced.Dequeue(), request);
                Served++;
            }
            else
            {
                Unannounced++;
            }
            inner.Read(request, corrections);
        }
    }

    [Fact]
    public void Every_announced_request_is_read_in_order_and_the_result_is_unchanged()
    {
        CheckingFeed? feed = null;
        var run = RunKMeans(5, inner => feed = new CheckingFeed(inner));   // asserts scikit-learn's labels
        Assert.True(feed!.Announced > 0);
        // Every iteration after the first is announced during the one before it, across their boundary: iterations 2 … N + 1
        // (the last one's plan is dropped at its converged bit), one plan each.
        Assert.True(feed.AnnouncedAhead > 0 && feed.AnnouncedAhead % run.Party0.Iterations == 0,
            $"{feed.AnnouncedAhead} requests announced ahead over {run.Party0.Iterations} iterations");
        Assert.Equal(feed.Announced, feed.Served);
        Assert.Equal(ReferenceCase.Load("kmeans_mall_k5").NIter, run.Party0.Iterations);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Mean_shift_announces_its_iterations_too(int maxIter)
    {
        ReferenceCase reference = ReferenceCase.Load("meanshift_unit_square_r0.1");
        var spec = new JobSpec { Algorithm = Algorithm.MeanShift, Columns = ["x", "y"], Bandwidth = 0.1, Seeds = reference.Seeds, MaxIter = maxIter };
        int n = reference.N, rowsA = n / 2;
        var a = new PartyDataset(reference.FlatData[..(rowsA * 2)], rowsA, 2);
        var b = new PartyDataset(reference.FlatData[(rowsA * 2)..], n - rowsA, 2);
        var shape = new JobShape(rowsA, n - rowsA, 2, 2);
        CheckingFeed? feed = null;
        var run = TwoPartyHarness.Run(6, s => SecureClustering.Run(s, spec, a, shape), s => SecureClustering.Run(s, spec, b, shape),
            wrapFeed: inner => feed = new CheckingFeed(inner));
        Assert.Equal(feed!.Announced, feed.Served);
        Assert.True(maxIter < 3 || feed.Announced > 0);
        // Cut by max-iter or not, the result is the twin's with the same max-iter.
        var twin = PrivClust.Core.Clustering.Plaintext.PlainMeanShift.Fit(reference.FlatData, n, 2, reference.Seeds!.SelectMany(r => r).ToArray(),
            reference.Seeds!.Length, 0.1, maxIter);
        Assert.Equal(twin.Labels, run.Party0.OwnLabels.Concat(run.Party1.OwnLabels).ToArray());
        Assert.Equal(twin.ClusterCount, run.Party0.K);
    }

    [Fact]
    public void The_second_kmeans_iteration_is_announced_from_the_first()
    {
        // The first iteration compares with an all-zero previous one-hot, so its plan is the steady one: with two
        // iterations only, the second is still announced (before, the second recorded the plan and nothing was announced).
        ReferenceCase reference = ReferenceCase.Load("kmeans_mall_k5");
        var spec = new JobSpec { Columns = ["x", "y"], K = 5, Init = InitMethod.Given, InitialCentroids = reference.Init, MaxIter = 2 };
        var a = new PartyDataset(reference.FlatData[..200], 100, 2);
        var b = new PartyDataset(reference.FlatData[200..], 100, 2);
        var shape = new JobShape(100, 100, 2, 2);
        CheckingFeed? feed = null;
        var run = TwoPartyHarness.Run(7, s => SecureClustering.Run(s, spec, a, shape), s => SecureClustering.Run(s, spec, b, shape),
            wrapFeed: inner => feed = new CheckingFeed(inner));
        Assert.True(feed!.Announced > 0, "the second iteration was announced");
        Assert.Equal(feed.Announced, feed.Served);
        Assert.Equal(2, run.Party0.Iterations);
        Assert.Equal([false, false], run.Party0.ConvergedBits);
    }

    [Theory]
    [InlineData("kmeans")]
    [InlineData("meanshift")]
    public void A_rehearsal_announces_the_first_stretch_and_changes_nothing_else(string algorithm)
    {
        // With a feed that wants plans, party b rehearses the first iteration (k-means) or the first windows and the
        // first stretch (mean-shift) on a throwaway session: those are announced too, every announced request is read in
        // order, and the result, the converged bits and the requests are the same as without the rehearsal.
        (CheckingFeed feed, JobResult result) Run(bool wantsPlans)
        {
            CheckingFeed? feed = null;
            var run = algorithm == "kmeans" ? RunKMeans(8, inner => feed = new CheckingFeed(inner, wantsPlans)).Party1
                : RunMeanShift(inner => feed = new CheckingFeed(inner, wantsPlans));
            Assert.Equal(feed!.Announced, feed.Served);
            return (feed, run);
        }
        var (with, rehearsed) = Run(true);
        var (without, recorded) = Run(false);
        Assert.True(with.Unannounced < without.Unannounced, $"unannounced reads: {with.Unannounced} with, {without.Unannounced} without");
        Assert.Equal(without.Unannounced - with.Unannounced, with.Served - without.Served);
        Assert.Equal(with.Served + with.Unannounced, without.Served + without.Unannounced);
        Assert.Equal(recorded.OwnLabels, rehearsed.OwnLabels);
        Assert.Equal(recorded.ConvergedBits, rehearsed.ConvergedBits);
        Assert.Equal(recorded.Centroids, rehearsed.Centroids);
    }

    [Fact]
    public void Mean_shift_announces_the_data_mask_with_its_first_windows_and_its_merge()
    {
        // The first windows' plan is rehearsed with the sharing of the rows and announced before it, so the dealer makes it
        // while the rows are shared; the merge's plan is rehearsed and announced at its start.
        CheckingFeed? feed = null;
        RunMeanShift(inner => feed = new CheckingFeed(inner));
        Assert.Equal((CorrelationKind.MatrixMask, true), feed!.Reads[0]);
        // The merge is announced up to the opened count of centres: only the few requests after it are not.
        var unannounced = feed.Reads.Select((read, at) => (read, at)).Where(x => !x.read.Announced).ToList();
        Assert.True(unannounced.Count <= 6 && unannounced[0].at >= feed.Reads.Count - 6,   // the landing slots: an equality and a product
            $"unannounced reads: {string.Join(", ", unannounced.Select(x => $"{x.read.Kind} at {x.at}"))} of {feed.Reads.Count}");

        // Without plans (party a, an in-process dealer) nothing is rehearsed: the stretches are announced once recorded.
        RunMeanShift(inner => feed = new CheckingFeed(inner, wantsPlans: false));
        Assert.Equal((CorrelationKind.MatrixMask, false), feed!.Reads[0]);
        Assert.False(feed.Reads[1].Announced);
    }

    [Theory]
    [InlineData(InitMethod.Farthest)]
    [InlineData(InitMethod.KMeansPlusPlus)]
    public void An_init_is_announced_with_the_first_iteration_and_changes_nothing(InitMethod init)
    {
        // The init's requests and, behind the boundary after it, the first iteration's are rehearsed and announced before
        // the init: with plans every read but the data mask's was announced, in order, and the outcome is the same.
        var spec = new JobSpec { Columns = ["x", "y"], K = 5, Init = init, MaxIter = 4 };
        var (with, announced) = OnMall(10, spec, wantsPlans: true);
        var (without, asked) = OnMall(10, spec, wantsPlans: false);
        // Unannounced with plans: the data mask, then only what follows the loop (the last converged bit, the labels).
        Assert.Equal((CorrelationKind.MatrixMask, false), with.Reads[0]);
        int lastAnnounced = with.Reads.FindLastIndex(read => read.Announced);
        Assert.All(with.Reads.Skip(1).Take(lastAnnounced), read => Assert.True(read.Announced, $"{read.Kind} was not announced"));
        Assert.True(without.Unannounced > 10, $"{without.Unannounced} unannounced reads without plans");
        Assert.False(without.Reads[1].Announced);
        Assert.Equal(without.Served + without.Unannounced, with.Served + with.Unannounced);
        Assert.Equal(asked.Party0.Centroids, announced.Party0.Centroids);
        Assert.Equal(asked.Party1.OwnLabels, announced.Party1.OwnLabels);
        Assert.Equal(asked.Party0.ConvergedBits, announced.Party0.ConvergedBits);
    }

    [Fact]
    public void An_elbow_sweep_announces_each_init_and_changes_nothing()
    {
        // Every k of the sweep runs a farthest init announced with its first iteration; the losses between them are asked
        // for request by request. Every announced request is read in order and the losses and the knee are the same.
        var spec = new JobSpec { Algorithm = Algorithm.Elbow, Columns = ["x", "y"], KMin = 2, K = 4, MaxIter = 3 };
        var (with, announcedRun) = OnMall(11, spec, wantsPlans: true);
        var (without, askedRun) = OnMall(11, spec, wantsPlans: false);
        JobResult announced = announcedRun.Party1, asked = askedRun.Party1;
        Assert.True(with.Unannounced < without.Unannounced / 2, $"unannounced reads: {with.Unannounced} with plans, {without.Unannounced} without");
        Assert.Equal(asked.ElbowLosses, announced.ElbowLosses);
        Assert.Equal(asked.Knee, announced.Knee);
        Assert.Equal(asked.Centroids, announced.Centroids);
    }

    /// <summary>A job on the Mall reference case (100 rows at each party), party b's feed a checking one; every announced request read.</summary>
    private static (CheckingFeed Feed, TwoPartyResult<JobResult> Run) OnMall(ulong seed, JobSpec spec, bool wantsPlans)
    {
        ReferenceCase reference = ReferenceCase.Load("kmeans_mall_k5");
        var a = new PartyDataset(reference.FlatData[..200], 100, 2);
        var b = new PartyDataset(reference.FlatData[200..], 100, 2);
        var shape = new JobShape(100, 100, 2, 2);
        CheckingFeed? feed = null;
        var run = TwoPartyHarness.Run(seed, s => SecureClustering.Run(s, spec, a, shape), s => SecureClustering.Run(s, spec, b, shape),
            wrapFeed: inner => feed = new CheckingFeed(inner, wantsPlans));
        Assert.Equal(feed!.Announced, feed.Served);
        return (feed, run);
    }

    /// <summary>k-means on the Mall reference case (given init), party b's feed wrapped; asserts scikit-learn's labels.</summary>
    private static TwoPartyResult<JobResult> RunKMeans(ulong seed, Func<ICorrectionFeed, ICorrectionFeed> wrapFeed)
    {
        ReferenceCase reference = ReferenceCase.Load("kmeans_mall_k5");
        var spec = new JobSpec { Columns = ["x", "y"], K = 5, Init = InitMethod.Given, InitialCentroids = reference.Init };
        var a = new PartyDataset(reference.FlatData[..200], 100, 2);
        var b = new PartyDataset(reference.FlatData[200..], 100, 2);
        var shape = new JobShape(100, 100, 2, 2);
        var run = TwoPartyHarness.Run(seed, s => SecureClustering.Run(s, spec, a, shape), s => SecureClustering.Run(s, spec, b, shape), wrapFeed: wrapFeed);
        Assert.Equal(reference.Labels, run.Party0.OwnLabels.Concat(run.Party1.OwnLabels).ToArray());
        return run;
    }

    private static JobResult RunMeanShift(Func<ICorrectionFeed, ICorrectionFeed> wrapFeed)
    {
        ReferenceCase reference = ReferenceCase.Load("meanshift_unit_square_r0.1");
        var spec = new JobSpec { Algorithm = Algorithm.MeanShift, Columns = ["x", "y"], Bandwidth = 0.1, Seeds = reference.Seeds };
        int n = reference.N, rowsA = n / 2;
        var a = new PartyDataset(reference.FlatData[..(rowsA * 2)], rowsA, 2);
        var b = new PartyDataset(reference.FlatData[(rowsA * 2)..], n - rowsA, 2);
        var shape = new JobShape(rowsA, n - rowsA, 2, 2);
        var run = TwoPartyHarness.Run(9, s => SecureClustering.Run(s, spec, a, shape), s => SecureClustering.Run(s, spec, b, shape), wrapFeed: wrapFeed);
        Assert.Equal(reference.Labels, run.Party0.OwnLabels.Concat(run.Party1.OwnLabels).ToArray());
        return run.Party1;
    }
}
