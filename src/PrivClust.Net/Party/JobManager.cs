using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivClust.Net.Checkpoints;
using PrivClust.Net.Peer;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;
using JobSpec = PrivClust.Core.Clustering.JobSpec;

namespace PrivClust.Net.Party;

/// <summary>
/// The jobs of this party. A job submitted here is checked against the own policy, proposed to the peer and,
/// once accepted, run with this party dialing the peer's Exchange. A job proposed by the peer is checked
/// against the policy and, if accepted, its session is registered before the reply so the dialer finds it.
/// The session id is the job id.
/// </summary>
public sealed partial class JobManager(
    IOptions<PartyOptions> options, PartyData data, PeerSessionRegistry registry, PartyConnections connections,
    JobRunner runner, PartyMetrics metrics, ILogger<JobManager> logger) : IProposalHandler
{
    private readonly ConcurrentDictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);

    public IReadOnlyCollection<JobRecord> Jobs => [.. _jobs.Values];

    public JobRecord? Find(string jobId) => _jobs.GetValueOrDefault(jobId);

    /// <summary>Accepts an operator's job, or throws <see cref="JobRefusedException"/> when this party's own policy forbids it.</summary>
    public JobRecord Submit(JobSpec spec)
    {
        if (JobInputCheck.ParameterProblem(spec) is { } invalid)
        {
            throw new ArgumentException(invalid + ".");
        }
        if ((JobPolicy.RefusalReason(spec, options.Value.Policy, data.Table) is null ? JobInputCheck.DataProblem(spec, data.Table) : null) is { } bad)
        {
            throw new JobRefusedException("This party's data cannot run the job: " + bad);
        }
        if (JobPolicy.RefusalReason(spec, options.Value.Policy, data.Table) is { } reason)
        {
            metrics.JobRefused();
            throw new JobRefusedException($"This party's policy refuses the job: {reason}.");
        }
        string jobId = $"job-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        var job = new JobRecord(jobId, spec, proposedHere: true);
        _jobs[jobId] = job;
        _ = Task.Run(() => ProposeAndRunAsync(job));
        return job;
    }

    public bool Cancel(string jobId)
    {
        if (!_jobs.TryGetValue(jobId, out JobRecord? job))
        {
            return false;
        }
        job.Cancellation.Cancel();
        if (job.State == JobState.Proposed)
        {
            job.Finish(JobState.Cancelled, "cancelled");
        }
        return true;
    }

    public Task<ProposeReply> HandleAsync(ProposeRequest proposal, CancellationToken cancellation)
    {
        string? reason = ProposalProblem(proposal, out JobSpec? spec);
        if (reason is not null)
        {
            metrics.JobRefused();
            LogRefused(logger, proposal.JobId, reason);
            return Task.FromResult(new ProposeReply { Accepted = false, Reason = reason });
        }
        var job = new JobRecord(proposal.JobId, spec!, proposedHere: false);
        _jobs[job.Id] = job;
        Task<IncomingExchange> expected = registry.Expect(job.Id);
        SessionParameters parameters = Parameters(job, TableShape.FromWire(proposal.ProposerShape));
        _ = Task.Run(() => runner.RunAsync(job, parameters, Route(job, expected)));
        return Task.FromResult(new ProposeReply { Accepted = true, Shape = OwnShape(spec!).ToWire() });
    }

    private async Task ProposeAndRunAsync(JobRecord job)
    {
        ProposeReply reply;
        try
        {
            var proposal = new ProposeRequest
            {
                JobId = job.Id, SessionId = job.Id, Proposer = options.Value.Name,
                Spec = JobSpecWire.ToWire(job.Spec), ProposerShape = OwnShape(job.Spec).ToWire(),
            };
            reply = await connections.Peer.ProposeAsync(proposal, deadline: DateTime.UtcNow + options.Value.ConnectTimeout, cancellationToken: job.Cancellation.Token);
        }
        catch (RpcException e)
        {
            job.Finish(job.Cancellation.IsCancellationRequested ? JobState.Cancelled : JobState.Failed, $"The peer could not be asked ({e.StatusCode}: {e.Status.Detail}).");
            metrics.JobFailed();
            return;
        }
        if (!reply.Accepted)
        {
            job.Finish(JobState.Refused, $"The peer refused the job: {reply.Reason}.");
            metrics.JobRefused();
            return;
        }
        SessionParameters parameters = Parameters(job, TableShape.FromWire(reply.Shape));
        await runner.RunAsync(job, parameters, Route(job, null));
    }

    /// <summary>
    /// Takes up a job found in the checkpoints after a restart: it resumes from its latest checkpoint once the peer is
    /// reached again (the proposer dials, the other party waits for the stream).
    /// </summary>
    public void Resume(JobManifest manifest, JobSpec spec)
    {
        var job = new JobRecord(manifest.JobId, spec, manifest.ProposedHere);
        if (!_jobs.TryAdd(job.Id, job))
        {
            return;
        }
        SessionParameters parameters = Parameters(job, new TableShape(manifest.PeerRows, manifest.PeerColumns));
        _ = Task.Run(() => runner.RunAsync(job, parameters, Route(job, null), resuming: true));
    }

    /// <summary>The proposer dials (again, until the peer is back, to resume); the other party accepts the stream its registry expects.</summary>
    private PeerRoute Route(JobRecord job, Task<IncomingExchange>? expected)
    {
        TimeSpan timeout = options.Value.ConnectTimeout;
        if (job.ProposedHere)
        {
            return new PeerRoute((p, ct) => PeerConnector.DialAsync(connections.Peer, p, timeout, ct),
                (p, within, ct) => PeerConnector.RedialAsync(connections.Peer, p, options.Value.Transport.ReceiveTimeout, within, ct));
        }
        return new PeerRoute((p, ct) => AcceptAsync(job.Id, expected ?? registry.Expect(job.Id), p, timeout, ct),
            (p, within, ct) => AcceptAsync(job.Id, registry.Expect(job.Id), p, within, ct));
    }

    private async Task<PeerLink> AcceptAsync(string jobId, Task<IncomingExchange> expected, SessionParameters parameters, TimeSpan within, CancellationToken ct)
    {
        try
        {
            return await PeerConnector.AcceptAsync(expected, parameters, within, ct);
        }
        finally
        {
            registry.Forget(jobId);
        }
    }

    private string? ProposalProblem(ProposeRequest proposal, out JobSpec? spec)
    {
        spec = null;
        if (proposal.Proposer != options.Value.PeerName)
        {
            return $"this party works with party {options.Value.PeerName}, not \"{proposal.Proposer}\"";
        }
        if (proposal.JobId.Length is 0 or > WireLimits.MaxIdLength || proposal.SessionId != proposal.JobId || _jobs.ContainsKey(proposal.JobId))
        {
            return $"job id \"{proposal.JobId}\" is invalid or already known here";
        }
        try
        {
            spec = JobSpecWire.FromWire(proposal.Spec ?? new Protos.V1.JobSpec());
        }
        catch (ArgumentException e)
        {
            return "the job spec is invalid: " + e.Message;
        }
        if (JobInputCheck.ParameterProblem(spec) is { } invalid)
        {
            return "the job's parameters are invalid: " + invalid;
        }
        if (JobPolicy.RefusalReason(spec, options.Value.Policy, data.Table) is null && JobInputCheck.DataProblem(spec, data.Table) is { } bad)
        {
            LogDataProblem(logger, proposal.JobId, bad);
            return "this party's data cannot run the job (see its daemon's log)";
        }
        return JobPolicy.RefusalReason(spec, options.Value.Policy, data.Table)
            ?? (options.Value.Policy.AutoAccept ? null : "this party accepts jobs only with its operator's approval (auto-accept is off)");
    }

    private SessionParameters Parameters(JobRecord job, TableShape? peerShape) =>
        new(job.Id, options.Value.PartyIndex, job.Spec.FractionalBits, job.Spec.Columns, OwnShape(job.Spec), peerShape);

    /// <summary>Horizontal: all the job's columns. Vertical: the job's columns this party's file has (a's come first).</summary>
    private TableShape OwnShape(JobSpec spec) =>
        new(data.Table.RowCount, spec.Partition == Core.Clustering.Partition.Vertical ? spec.Columns.Count(data.Table.HasColumn) : spec.Columns.Count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The peer's job {JobId} cannot run on this party's data: {Problem}")]
    private static partial void LogDataProblem(ILogger logger, string jobId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused the peer's job {JobId}: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string jobId, string reason);
}
