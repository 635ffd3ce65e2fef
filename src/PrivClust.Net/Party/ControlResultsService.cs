using Grpc.Core;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Party;

/// <summary>
/// Serves the files a succeeded job wrote in this party's results folder (result.json, labels.csv) to the
/// operator's CLI, which prints and saves them. Only this party's own outputs are ever in that folder.
/// </summary>
public sealed class ControlResultsService(JobManager jobs) : ControlResults.ControlResultsBase
{
    public override async Task<JobResultFiles> GetResult(GetJobRequest request, ServerCallContext context)
    {
        JobRecord job = jobs.Find(request.JobId) ?? throw new RpcException(new Status(StatusCode.NotFound, $"No job {request.JobId} at this party."));
        JobStatus status = job.ToStatus();
        if (status.State != JobState.Succeeded)
        {
            string why = JobRecord.IsFinal(status.State) ? $"it ended {status.State.ToString().ToLowerInvariant()}: {status.Error}" : "it has not finished";
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Job {job.Id} has no result: {why}"));
        }
        try
        {
            return new JobResultFiles
            {
                JobId = job.Id,
                ResultJson = await File.ReadAllTextAsync(Path.Combine(status.ResultPath, "result.json"), context.CancellationToken),
                LabelsCsv = await File.ReadAllTextAsync(Path.Combine(status.ResultPath, "labels.csv"), context.CancellationToken),
            };
        }
        catch (IOException e)
        {
            throw new RpcException(new Status(StatusCode.DataLoss, $"Job {job.Id}: its result files cannot be read ({e.GetType().Name})."));
        }
    }
}
