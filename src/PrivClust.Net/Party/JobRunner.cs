using PrivClust.Core.Clustering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivClust.Core.Protocols;
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
    ResultWriter results, PartyMetrics metrics, ILogger<JobRunner> logger)
{
    public async Task RunAsync(JobRecord job, SessionParameters parameters, Func<CancellationToken, Task<PeerLink>> connectPeer)
    {
        metrics.JobStarted();
        job.MarkRunning();
        LogStarting(logger, job.Id, parameters.PartyIndex);
        CancellationToken cancellation = job.Cancellation.Token;
        NetworkPartySession? network = null;
        var meter = new JobMeter(metrics);
        try
        {
            network = await NetworkPartySession.OpenAsync(parameters, connections.Dealer, connectPeer, options.Value.Transport.ReceiveTimeout, cancellation);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            JobShape shape = Shape(parameters, network.PeerShape);
            JobResult result = await RunEngineAsync(network.Session, job, shape, meter, cancellation);
            var summary = Summary(network, clock.Elapsed.TotalMilliseconds);
            meter.Finish(summary.BytesSent, summary.BytesReceived, summary.DealerBytes);
            NetworkPartySession closing = network;
            network = null;
            await closing.DisposeAsync();
            string path = results.Write(job.Id, result, summary);
            job.Finish(JobState.Succeeded, resultPath: path);
            metrics.JobSucceeded();
            LogSucceeded(logger, job.Id, result.Iterations, summary.Rounds);
        }
        catch (Exception e)
        {
            bool cancelled = cancellation.IsCancellationRequested;
            if (network is not null)
            {
                var total = network.Session.Stats.Total;
                meter.Finish(total.BytesSent, total.BytesReceived, network.DealerBytes);
                await network.AbortAsync(cancelled ? "its operator cancelled the job" : "its side of the job failed");
            }
            job.Finish(cancelled ? JobState.Cancelled : JobState.Failed, cancelled ? "cancelled" : e.Message);
            metrics.JobFailed();
            LogFailed(logger, job.Id, cancelled ? "cancelled" : e.GetType().Name, cancelled ? "" : LoggableReason(e));
        }
    }

    /// <summary>Messages of our own link and file errors name no data value; others are logged by type only.</summary>
    private static string LoggableReason(Exception e) =>
        e is Core.Channels.ChannelException or FormatException or JobRefusedException ? e.Message : "(message withheld from the log)";

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

    private Task<JobResult> RunEngineAsync(PartySession session, JobRecord job, JobShape shape, JobMeter meter, CancellationToken cancellation)
    {
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
                outcome.SetResult(engine.Run(session, job.Spec, shape, data.Table, progress, cancellation));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {Kind} {Reason}")]
    private static partial void LogFailed(ILogger logger, string jobId, string kind, string reason);
}
