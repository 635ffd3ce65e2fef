using Grpc.Core;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Party;

/// <summary>The operator's gRPC API of a party daemon: submit, get, watch, list and cancel jobs.</summary>
public sealed class ControlService(JobManager jobs) : Control.ControlBase
{
    public override Task<SubmitReply> Submit(SubmitRequest request, ServerCallContext context)
    {
        try
        {
            JobRecord job = jobs.Submit(JobSpecWire.FromWire(request.Spec ?? new Protos.V1.JobSpec()));
            return Task.FromResult(new SubmitReply { JobId = job.Id });
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Invalid job: " + e.Message));
        }
        catch (JobRefusedException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }
    }

    public override Task<JobStatus> Get(GetJobRequest request, ServerCallContext context) => Task.FromResult(Job(request.JobId).ToStatus());

    public override async Task Watch(GetJobRequest request, IServerStreamWriter<JobProgressUpdate> responseStream, ServerCallContext context)
    {
        await foreach (JobProgressUpdate update in Job(request.JobId).Watch().ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(update, context.CancellationToken);
        }
    }

    public override Task<ListJobsReply> List(ListJobsRequest request, ServerCallContext context)
    {
        var reply = new ListJobsReply();
        reply.Jobs.AddRange(jobs.Jobs.Select(j => j.ToStatus()));
        return Task.FromResult(reply);
    }

    public override Task<JobStatus> Cancel(GetJobRequest request, ServerCallContext context)
    {
        JobRecord job = Job(request.JobId);
        jobs.Cancel(job.Id);
        return Task.FromResult(job.ToStatus());
    }

    private JobRecord Job(string jobId) =>
        jobs.Find(jobId) ?? throw new RpcException(new Status(StatusCode.NotFound, $"No job {jobId} at this party."));
}
