namespace PrivClust.Net.Hosting;

/// <summary>
/// Collects the young generations of the managed heap when the daemon's last piece of work ends (a party's last running
/// job, the dealer's last correction stream), so that the next job starts with an empty allocation budget. A small job
/// allocates ~1.6 MB per party and this runtime's gen-0 budget here is a few MB, so without it a collection landed in
/// every second or third job, at a random round, and each cost 2–8 ms of pause (measured in stop 18 with the runtime's
/// own counters: benchmarks.md) — as much as a whole mean-shift iteration on the bundled workloads. Collected while idle, the
/// same work costs no job anything. While other work runs nothing is forced (it would pause that work): the runtime
/// collects as usual.
/// </summary>
public sealed class IdleHeapCollector
{
    private readonly Action _collect;
    private int _active;
    private long _collections;

    public IdleHeapCollector() : this(CollectYoungGenerations)
    {
    }

    /// <param name="collect">What to run when the last work ends (tests count it; internal, so that dependency injection sees one constructor).</param>
    internal IdleHeapCollector(Action collect) => _collect = collect;

    /// <summary>Work in progress.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Collections run so far (each when the daemon went idle).</summary>
    public long Collections => Interlocked.Read(ref _collections);

    /// <summary>Marks work as running until the returned scope is disposed.</summary>
    public IDisposable Enter()
    {
        Interlocked.Increment(ref _active);
        return new Scope(this);
    }

    private void Exit()
    {
        if (Interlocked.Decrement(ref _active) == 0)
        {
            Interlocked.Increment(ref _collections);
            _collect();
        }
    }

    /// <summary>Generations 0 and 1, blocking, not compacting the large-object heap: a few milliseconds at most.</summary>
    private static void CollectYoungGenerations() => GC.Collect(1, GCCollectionMode.Forced, blocking: true, compacting: false);

    /// <summary>One piece of work; disposing it twice counts once.</summary>
    private sealed class Scope : IDisposable
    {
        private IdleHeapCollector? _owner;

        internal Scope(IdleHeapCollector owner) => _owner = owner;

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Exit();
    }
}
