using PrivClust.Core.Clustering;
using PrivClust.Core.Protocols;
using PrivClust.Net.Party;

namespace PrivClust.Net.Tests.Support;

/// <summary>
/// A job that keeps both parties and the dealer busy: <paramref name="rounds"/> Beaver multiplications (party b
/// reads corrections for each) with a short pause, then the real engine. <see cref="Started"/> completes
/// at the first round, so a test can break something mid-job.
/// </summary>
internal sealed class SlowEngine(int rounds, TimeSpan pause) : IJobEngine
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public JobResult Run(PartySession session, JobSpec spec, JobShape shape, PartyTable data, IProgress<JobProgress> progress, CancellationToken cancellation)
    {
        var x = new ulong[64];
        var product = new ulong[64];
        for (int round = 0; round < rounds; round++)
        {
            cancellation.ThrowIfCancellationRequested();
            Multiplication.Multiply<ulong>(session, x, x, product);
            _started.TrySetResult();
            Thread.Sleep(pause);
        }
        return new SecureClusteringEngine().Run(session, spec, shape, data, progress, cancellation);
    }
}
