using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>k-means with restarts (n_init) and the elbow sweep, on the shared data.</summary>
internal static class SecureKMeansJob
{
    /// <summary>
    /// Runs <see cref="JobSpec.NInit"/> initialisations and keeps the one with the lowest inertia, compared
    /// securely; the index of the winning restart is opened (so its iteration count can be reported), the
    /// inertias are not.
    /// </summary>
    /// <param name="checkpoints">Checkpoints at every Lloyd boundary and the state to resume from; null for none.</param>
    public static LloydOutcome Run(PartySession session, SharedData data, JobSpec spec, int k, ulong[]? givenCentroids,
        Action<int, bool>? onIteration, CancellationToken cancellation, LloydCheckpointer? checkpoints = null)
    {
        var outcomes = new List<LloydOutcome>(checkpoints?.FinishedRestarts ?? []);
        for (int restart = outcomes.Count; restart < spec.NInit; restart++)
        {
            LloydState? from = checkpoints?.ResumeAt(restart);
            RehearsedStart? announced = from is null ? AnnounceStart(session, data, spec.Init, k) : null;
            ulong[] init = from?.Centroids ?? Initial(session, data, spec.Init, k, givenCentroids);
            outcomes.Add(SecureLloyd.Run(session, data, init, k, spec.MaxIter, onIteration, cancellation, from, checkpoints?.At(restart, outcomes),
                announced: announced));
        }
        if (outcomes.Count == 1)
        {
            return outcomes[0];
        }
        ulong[] inertias = outcomes.Select(o => Inertia(session, data, o.Centroids, k)).ToArray();
        ulong[] oneHot = new ulong[inertias.Length], best = new ulong[1];
        Tournament.ArgMin(session, inertias, 1, inertias.Length, oneHot, best);
        bool[] chosen = Sharing.OpenFlags(session, oneHot, "best restart");
        LloydOutcome winner = outcomes[Array.IndexOf(chosen, true)];
        return winner with { ConvergedBits = outcomes.SelectMany(o => o.ConvergedBits).ToArray() };
    }

    /// <summary>
    /// Before an init that asks the dealer (farthest, k-means++) on small data: announces the init's requests and, behind the
    /// boundary that follows it (the Lloyd loop's start), the first iteration's, all rehearsed together
    /// (<see cref="SecureLloyd.RehearseStart"/>). Asked request by request, the farthest init cost a dealer round trip per
    /// request (~20 per mall-kmeans job) and the first iteration one more. The requests depend on public shapes only, never
    /// on the coins or on opened values. Returns the rehearsed start when announced.
    /// </summary>
    private static RehearsedStart? AnnounceStart(PartySession session, SharedData data, InitMethod init, int k)
    {
        if (init is not (InitMethod.Farthest or InitMethod.KMeansPlusPlus)
            || SecureLloyd.RehearseStart(session, data, k, 0, (s, copy) => Initial(s, copy, init, k, null)) is not { } start)
        {
            return null;
        }
        session.Correlations.Prefetch(start.Before);
        session.Correlations.PrefetchAfterBoundary([.. start.Distances, .. start.Plan]);
        return start;
    }

    /// <summary>The secure k-means loss Σ_i min_c ||x_i − c||² (scale f) of the given centroids, as shares.</summary>
    public static ulong Inertia(PartySession session, SharedData data, ulong[] centroids, int k)
    {
        SecureLloyd.Assign(session, data, centroids, k, out ulong[] minimum);
        ulong[] norms = data.SquaredNorms(session);
        Arithmetic.Ring.Add<ulong>(minimum, norms, minimum);
        Truncation.Truncate<ulong>(session, minimum, session.FixedPoint.FractionalBits, minimum);
        ulong total = 0;
        foreach (ulong m in minimum)
        {
            total += m;
        }
        return total;
    }

    public static ulong[] Initial(PartySession session, SharedData data, InitMethod init, int k, ulong[]? given) => init switch
    {
        InitMethod.Given => SecureKMeansInit.Given(session, given ?? throw new InvalidJobException("--init given needs --initial-centroids")),
        InitMethod.Random => SecureKMeansInit.Random(session, data, k, out _),
        InitMethod.Farthest => SecureKMeansInit.Farthest(session, data, k, out _),
        InitMethod.KMeansPlusPlus => SecureKMeansPlusPlus.Init(session, data, k, out _),
        _ => throw new InvalidJobException($"--init {init} is not supported"),
    };

    /// <summary>
    /// The elbow sweep: for each k in [KMin, K] a k-means run and its loss, opened (the losses are the elbow's
    /// output). Returns the losses and, for each k, the centroid shares. With checkpoints, every Lloyd boundary of every
    /// run is one, holding the ks finished before it; resuming skips them.
    /// </summary>
    public static (IReadOnlyList<(int K, double Loss)> Losses, Dictionary<int, LloydOutcome> Runs) Elbow(PartySession session, SharedData data,
        JobSpec spec, Action<int, bool>? onIteration, CancellationToken cancellation, JobCheckpointer? checkpoints = null)
    {
        var resume = checkpoints?.Resume as ElbowState;
        var finished = new List<ElbowStep>(resume?.Finished ?? []);
        InitMethod init = spec.Init == InitMethod.Given ? InitMethod.Farthest : spec.Init;
        for (int k = spec.KMin + finished.Count; k <= spec.K; k++)
        {
            ElbowStep[] done = [.. finished];
            LloydCheckpointer? lloyd = checkpoints?.Lloyd(resume?.Current, state => new ElbowState(done, state));
            resume = null;
            LloydOutcome run = Run(session, data, spec with { Init = init, K = k }, k, null, onIteration, cancellation, lloyd);
            ulong[] loss = new ulong[1];
            Sharing.Open<ulong>(session, [Inertia(session, data, run.Centroids, k)], loss, OpeningKind.Output, "elbow loss");
            finished.Add(new ElbowStep(k, session.FixedPoint.Decode(loss[0]), run));
        }
        return (finished.Select(s => (s.K, s.Loss)).ToList(), finished.ToDictionary(s => s.K, s => s.Run));
    }
}
