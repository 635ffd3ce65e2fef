using PrivClust.Core.Clustering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Protocols;
using PrivClust.Net.Checkpoints;
using PrivClust.Net.Hosting;
using PrivClust.Net.Peer;
using PrivClust.Net.Wire;
using PrivClust.Net.Sessions;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Party;

/// <summary>
/// Runs one accepted job at this party: opens the network session (peer link, dealer), runs the engine on a
/// dedicated thread, writes the results atomically, and records the outcome. A failure or a cancellation
/// tells the peer (abort frame) so it fails at once rather than at its timeout.
/// </summary>
public sealed partial class JobRunner(
    IOptions<PartyOptions> options, PartyData data, PartyConnections connections, IJobEngine engine,
    ResultWriter results, PartyMetrics metrics, IdleHeapCollector idle, ILogger<JobRunner> logger)
{
    /// <param name="resuming">The daemon restarted: the job resumes from its checkpoints (the peer is reached again).</param>
    public async Task RunAsync(JobRecord job, SessionParameters parameters, PeerRoute peer, bool resuming = false)
    {
        using IDisposable work = idle.Enter();   // the heap is tidied once no job runs (after the outcome is recorded)
        metrics.JobStarted();
        job.MarkRunning();
        LogStarting(logger, job.Id, parameters.PartyIndex);
        CancellationToken cancellation = job.Cancellation.Token;
        JobCheckpoints? checkpoints = JobCheckpoints.For(options.Value, job, parameters, resuming);
        var meter = new JobMeter(metrics);
        DateTime? resumeBy = resuming ? DateTime.UtcNow + options.Value.Checkpoints.PeerResumeTimeout : null;
        while (true)
        {
            NetworkPartySession? network = null;
            try
            {
                HostCheckpoint? from;
                (network, from) = await ConnectAsync(parameters, peer, checkpoints, resumeBy, cancellation);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                JobResult result = await RunEngineAsync(network, job, parameters, checkpoints, from, meter, cancellation);
                await FinishAsync(job, network, result, meter, clock.Elapsed, checkpoints);
                network = null;
                return;
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested && e is Core.Channels.ChannelException
                && network is { Resumable: true } && checkpoints?.Latest is not null)
            {
                await network.AbandonAsync();
                resumeBy = DateTime.UtcNow + options.Value.Checkpoints.PeerResumeTimeout;
                LogResuming(logger, job.Id, checkpoints.Latest.Value, e.Message);
            }
            catch (Exception e)
            {
                await FailAsync(job, network, meter, e, cancellation.IsCancellationRequested, checkpoints);
                return;
            }
        }
    }

    private async Task<(NetworkPartySession, HostCheckpoint?)> ConnectAsync(SessionParameters parameters, PeerRoute peer, JobCheckpoints? checkpoints,
        DateTime? resumeBy, CancellationToken cancellation)
    {
        TimeSpan timeout = options.Value.Transport.ReceiveTimeout;
        if (resumeBy is null)
        {
            return (await NetworkPartySession.OpenAsync(parameters, connections.Dealer, ct => peer.Connect(parameters, ct), timeout, cancellation), null);
        }
        long latest = checkpoints?.Latest ?? throw new CheckpointException($"Job {parameters.SessionId}: no checkpoint to resume from.");
        SessionParameters resume = parameters with { LastCheckpoint = latest };
        TimeSpan within = resumeBy.Value - DateTime.UtcNow;
        var (network, checkpoint) = await NetworkPartySession.ResumeAsync(resume, connections.Dealer,
            ct => peer.Reconnect(resume, within > TimeSpan.Zero ? within : TimeSpan.FromMilliseconds(1), ct),
            number => LoadAndDropLater(checkpoints, number), timeout, cancellation);
        LogResumed(logger, parameters.SessionId, checkpoint.Engine.Number);
        return (network, checkpoint);
    }

    /// <summary>The agreed checkpoint; later ones (party a may hold two more than b) are written again by the resumed run.</summary>
    private static HostCheckpoint LoadAndDropLater(JobCheckpoints checkpoints, long number)
    {
        HostCheckpoint checkpoint = checkpoints.Folder.Load(number, checkpoints.Fingerprint);
        checkpoints.Folder.DropAfter(number);
        return checkpoint;
    }

    /// <summary>Writes the result, then deletes the checkpoints, then reports the job done (so a finished job has none left).</summary>
    private async Task FinishAsync(JobRecord job, NetworkPartySession network, JobResult result, JobMeter meter, TimeSpan wall, JobCheckpoints? checkpoints)
    {
        var summary = Summary(network, wall.TotalMilliseconds);
        meter.Finish(summary.BytesSent, summary.BytesReceived, summary.DealerBytes);
        await network.DisposeAsync();
        string path = results.Write(job.Id, result, summary);
        checkpoints?.Folder.Delete();
        job.Finish(JobState.Succeeded, resultPath: path);
        metrics.JobSucceeded();
        LogSucceeded(logger, job.Id, result.Iterations, summary.Rounds);
    }

    private async Task FailAsync(JobRecord job, NetworkPartySession? network, JobMeter meter, Exception e, bool cancelled, JobCheckpoints? checkpoints)
    {
        if (network is not null)
        {
            var total = network.Session.Stats.Total;
            meter.Finish(total.BytesSent, total.BytesReceived, network.DealerBytes);
            await network.AbortAsync(cancelled ? "its operator cancelled the job" : "its side of the job failed");
        }
        checkpoints?.Folder.Delete();
        job.Finish(cancelled ? JobState.Cancelled : JobState.Failed, cancelled ? "cancelled" : e.Message);
        metrics.JobFailed();
        LogFailed(logger, job.Id, cancelled ? "cancelled" : e.GetType().Name, cancelled ? "" : LoggableReason(e));
    }

    /// <summary>Messages of our own link and file errors name no data value; others are logged by type only.</summary>
    private static string LoggableReason(Exception e) =>
        e is Core.Channels.ChannelException or FormatException or JobRefusedException or CheckpointException ? e.Message : "(message withheld from the log)";

    private JobRunSummary Summary(NetworkPartySession network, double wallMs)
    {
        var total = network.Session.Stats.Total;
        return new JobRunSummary(options.Value.Name, wallMs, total.Rounds, total.BytesSent, total.BytesReceived, network.DealerBytes);
    }

    /// <summary>The job's public shape: this party's from its parameters, the peer's from its handshake.</summary>
    private static JobShape Shape(SessionParameters parameters, TableShape peer)
    {
        (TableShape a, TableShape b) = parameters.PartyIndex == 0 ? (parameters.Shape, peer) : (peer, parameters.Shape);
        return new JobShape((int)a.Rows, (int)b.Rows, a.Columns, b.Columns);
    }

    private Task<JobResult> RunEngineAsync(NetworkPartySession network, JobRecord job, SessionParameters parameters, JobCheckpoints? checkpoints,
        HostCheckpoint? from, JobMeter meter, CancellationToken cancellation)
    {
        PartySession session = network.Session;
        JobShape shape = Shape(parameters, network.PeerShape);
        JobCheckpointing? checkpointing = checkpoints is null ? null
            : new JobCheckpointing(new CheckpointSink(checkpoints.Folder, checkpoints.Fingerprint, network.CommonSeed, network.Feed), from?.Engine);
        var outcome = new TaskCompletionSource<JobResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new SynchronousProgress(update =>
        {
            var total = session.Stats.Total; // read on the engine thread, which owns the counters
            JobProgress measured = update with
            {
                Rounds = total.Rounds, BytesSent = total.BytesSent, BytesReceived = total.BytesReceived,
                DealerBytes = session.Correlations.CorrectionBytesReceived,
            };
            meter.Iteration(measured);
            job.Report(measured);
        });
        var thread = new Thread(() =>
        {
            try
            {
                outcome.SetResult(checkpointing is null
                    ? engine.Run(session, job.Spec, shape, data.Table, progress, cancellation)
                    : engine.Run(session, job.Spec, shape, data.Table, progress, cancellation, checkpointing));
            }
            catch (Exception e)
            {
                outcome.SetException(e);
            }
        })
        { IsBackground = true, Name = "privclust-job-" + job.Id };
        thread.Start();
        return outcome.Task;
    }

    /// <summary>Reports on the caller's thread (unlike <see cref="Progress{T}"/>, which posts elsewhere).</summary>
    private sealed class SynchronousProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: starting its session as party index {PartyIndex}.")]
    private static partial void LogStarting(ILogger logger, string jobId, int partyIndex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: succeeded after {Iterations} iterations, {Rounds} rounds.")]
    private static partial void LogSucceeded(ILogger logger, string jobId, int iterations, long rounds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the session broke ({Reason}); resuming from checkpoint {Checkpoint} when the peer is back.")]
    private static partial void LogResuming(ILogger logger, string jobId, long checkpoint, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: resumed from checkpoint {Checkpoint}.")]
    private static partial void LogResumed(ILogger logger, string jobId, long checkpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {Kind} {Reason}")]
    private static partial void LogFailed(ILogger logger, string jobId, string kind, string reason);
}
