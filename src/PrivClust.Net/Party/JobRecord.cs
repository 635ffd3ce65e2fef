using System.Diagnostics;
using System.Threading.Channels;
using PrivClust.Core.Clustering;
using PrivClust.Protos.V1;
using JobSpec = PrivClust.Core.Clustering.JobSpec;

namespace PrivClust.Net.Party;

/// <summary>One job at this party: its spec, state, latest progress and the watchers following it. Thread-safe.</summary>
public sealed class JobRecord(string id, JobSpec spec, bool proposedHere)
{
    private readonly Lock _gate = new();
    private readonly List<Channel<JobProgressUpdate>> _watchers = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private JobProgressUpdate _latest = new() { JobId = id, State = JobState.Proposed };
    private string _error = "";
    private string _resultPath = "";

    public string Id { get; } = id;
    public JobSpec Spec { get; } = spec;
    public bool ProposedHere { get; } = proposedHere;
    public CancellationTokenSource Cancellation { get; } = new();

    public JobState State
    {
        get
        {
            lock (_gate)
            {
                return _latest.State;
            }
        }
    }

    public static bool IsFinal(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled or JobState.Refused;

    /// <summary>Records progress of a running job (counters are this party's channel totals).</summary>
    public void Report(JobProgress progress) =>
        Publish(JobState.Running, u =>
        {
            u.Iteration = progress.Iteration;
            u.Converged = progress.Converged;
            u.BytesSent = progress.BytesSent;
            u.BytesReceived = progress.BytesReceived;
            u.Rounds = progress.Rounds;
            u.DealerBytes = progress.DealerBytes;
        });

    public void MarkRunning() => Publish(JobState.Running, _ => { });

    /// <summary>Ends the job in a final state; watchers get the last update and their streams end.</summary>
    public void Finish(JobState state, string error = "", string resultPath = "")
    {
        lock (_gate)
        {
            if (IsFinal(_latest.State))
            {
                return;
            }
            _error = error;
            _resultPath = resultPath;
        }
        Publish(state, _ => { });
    }

    public JobStatus ToStatus()
    {
        lock (_gate)
        {
            return new JobStatus
            {
                JobId = Id, State = _latest.State, Spec = JobSpecWire.ToWire(Spec), Error = _error,
                ResultPath = _resultPath, Progress = _latest.Clone(), ProposedHere = ProposedHere,
            };
        }
    }

    /// <summary>The current progress, then every update until the job ends.</summary>
    public ChannelReader<JobProgressUpdate> Watch()
    {
        var channel = Channel.CreateBounded<JobProgressUpdate>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            channel.Writer.TryWrite(_latest.Clone());
            if (IsFinal(_latest.State))
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _watchers.Add(channel);
            }
        }
        return channel.Reader;
    }

    private void Publish(JobState state, Action<JobProgressUpdate> change)
    {
        lock (_gate)
        {
            var update = _latest.Clone();
            update.State = state;
            update.ElapsedMs = _clock.Elapsed.TotalMilliseconds;
            change(update);
            _latest = update;
            foreach (Channel<JobProgressUpdate> watcher in _watchers)
            {
                watcher.Writer.TryWrite(update.Clone());
                if (IsFinal(state))
                {
                    watcher.Writer.TryComplete();
                }
            }
            if (IsFinal(state))
            {
                _watchers.Clear();
            }
        }
    }
}
