using Grpc.Core;
using Grpc.Net.Client;
using PrivClust.Net.Party;
using PrivClust.Protos.V1;
using JobSpec = PrivClust.Core.Clustering.JobSpec;

namespace PrivClust.Cli.Commands;

/// <summary>Submits a job to a party daemon, follows its progress and fetches the files it wrote.</summary>
public sealed class JobClient(GrpcChannel channel)
{
    private readonly Control.ControlClient _control = new(channel);
    private readonly ControlResults.ControlResultsClient _results = new(channel);

    public async Task<string> SubmitAsync(JobSpec spec, CancellationToken cancellation)
    {
        SubmitReply reply = await _control.SubmitAsync(new SubmitRequest { Spec = JobSpecWire.ToWire(spec) }, cancellationToken: cancellation);
        return reply.JobId;
    }

    /// <summary>Follows the job until it ends; on cancellation (Ctrl+C) asks the daemon to cancel the job, then rethrows.</summary>
    public async Task<JobStatus> WaitAsync(string jobId, IProgressView progress, CancellationToken cancellation)
    {
        try
        {
            using AsyncServerStreamingCall<JobProgressUpdate> call = _control.Watch(new GetJobRequest { JobId = jobId }, cancellationToken: cancellation);
            await foreach (JobProgressUpdate update in call.ResponseStream.ReadAllAsync(cancellation))
            {
                progress.Show(update);
            }
            await progress.DoneAsync();
            return await _control.GetAsync(new GetJobRequest { JobId = jobId }, cancellationToken: cancellation);
        }
        catch (Exception e) when (cancellation.IsCancellationRequested && e is OperationCanceledException or RpcException)
        {
            await progress.DoneAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _control.CancelAsync(new GetJobRequest { JobId = jobId }, cancellationToken: grace.Token);
            throw new JobFailedException($"job {jobId}: cancelled by the operator");
        }
    }

    /// <summary>The job's result files, or a <see cref="JobFailedException"/> with the reason when it did not succeed.</summary>
    public async Task<JobResultFiles> ResultAsync(JobStatus status, CancellationToken cancellation)
    {
        if (status.State != JobState.Succeeded)
        {
            throw new JobFailedException($"job {status.JobId} {status.State.ToString().ToLowerInvariant()}: {status.Error}");
        }
        return await _results.GetResultAsync(new GetJobRequest { JobId = status.JobId }, cancellationToken: cancellation);
    }

    /// <summary>Submit, follow, fetch.</summary>
    public async Task<JobResultFiles> RunAsync(JobSpec spec, IProgressView progress, CancellationToken cancellation)
    {
        string jobId = await SubmitAsync(spec, cancellation);
        progress.Submitted(jobId);
        JobStatus status = await WaitAsync(jobId, progress, cancellation);
        return await ResultAsync(status, cancellation);
    }
}
