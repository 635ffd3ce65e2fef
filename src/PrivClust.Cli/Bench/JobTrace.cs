using PrivClust.Protos.V1;

namespace PrivClust.Cli.Bench;

/// <summary>
/// Party a's progress stream of one job (Watch): its channel counters at the end of each iteration. Per-iteration
/// figures are differences between the first and the last iteration reported, divided by the iterations between
/// them (the same steady-state average as the in-process benchmark). What b sent is what a received on the peer stream.
/// </summary>
public sealed class JobTrace
{
    private readonly SortedDictionary<int, JobProgressUpdate> _byIteration = [];

    public void Add(JobProgressUpdate update)
    {
        if (update.Rounds > 0 && update.Iteration > 0)
        {
            _byIteration.TryAdd(update.Iteration, update);
        }
    }

    public int Reports => _byIteration.Count;

    public double RoundsPerIteration => PerIteration(u => u.Rounds);

    public double BytesSentPerIteration => PerIteration(u => u.BytesSent);

    public double BytesReceivedPerIteration => PerIteration(u => u.BytesReceived);

    private double PerIteration(Func<JobProgressUpdate, long> value)
    {
        if (_byIteration.Count == 0)
        {
            return double.NaN;
        }
        JobProgressUpdate first = _byIteration.First().Value, last = _byIteration.Last().Value;
        return last.Iteration == first.Iteration
            ? value(first) // one iteration only: all of it (includes the set-up, as the in-process benchmark does)
            : (double)(value(last) - value(first)) / (last.Iteration - first.Iteration);
    }
}
