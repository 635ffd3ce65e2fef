using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
        _ = Task.Run(async () =>
        {
            await runner.RunAsync(job, parameters, ct => PeerConnector.AcceptAsync(expected, parameters, options.Value.ConnectTimeout, ct));
            registry.Forget(job.Id);
        });
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
        TimeSpan timeout = options.Value.ConnectTimeout;
        await runner.RunAsync(job, parameters, ct => PeerConnector.DialAsync(connections.Peer, parameters, timeout, ct));
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
