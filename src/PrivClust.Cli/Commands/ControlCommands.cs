using System.CommandLine;
using Grpc.Core;
using PrivClust.Protos.V1;

namespace PrivClust.Cli.Commands;

/// <summary><c>privclust jobs | watch JOB | cancel JOB</c>: clients of a party daemon's control API.</summary>
public static class ControlCommands
{
    internal static readonly Option<string> Party = new("--party")
    {
        Description = "The party daemon's gRPC URL (the default is $PRIVCLUST_PARTY when set).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PRIVCLUST_PARTY") ?? "https://127.0.0.1:7101",
    };

    public static Command Jobs()
    {
        var command = new Command("jobs", "List the jobs of a party daemon.") { Party };
        command.SetAction((result, cancellation) => CallAsync(result, async control =>
        {
            ListJobsReply reply = await control.ListAsync(new ListJobsRequest(), cancellationToken: cancellation);
            Console.WriteLine($"{"JOB",-34} {"STATE",-10} {"ITER",5} {"ELAPSED",10}  ERROR");
            foreach (JobStatus job in reply.Jobs)
            {
                Console.WriteLine($"{job.JobId,-34} {Short(job.State),-10} {job.Progress?.Iteration,5} {job.Progress?.ElapsedMs / 1000.0,9:0.0}s  {job.Error}");
            }
        }));
        ControlChannel.AddTo(command);
        return command;
    }

    public static Command Watch()
    {
        var job = new Argument<string>("job") { Description = "The job id." };
        var command = new Command("watch", "Follow a job's progress until it ends (live on a terminal); exit code 0 if it succeeded, 1 otherwise.") { job, Party };
        OutputOptions.AddTo(command);
        command.SetAction((result, cancellation) => CallAsync(result, async (control, channel) =>
        {
            string id = result.GetValue(job)!;
            IProgressView progress = OutputOptions.Progress(result);
            using (var call = control.Watch(new GetJobRequest { JobId = id }, cancellationToken: cancellation))
            {
                await foreach (JobProgressUpdate update in call.ResponseStream.ReadAllAsync(cancellation))
                {
                    progress.Show(update);
                }
            }
            await progress.DoneAsync();
            JobStatus final = await control.GetAsync(new GetJobRequest { JobId = id }, cancellationToken: cancellation);
            bool succeeded = final.State == JobState.Succeeded;
            if (succeeded && result.GetValue(OutputOptions.Json))
            {
                JobResultFiles files = await new ControlResults.ControlResultsClient(channel).GetResultAsync(new GetJobRequest { JobId = id }, cancellationToken: cancellation);
                Console.Out.WriteLine(files.ResultJson);
            }
            OutputOptions.Messages(result).WriteLine(succeeded ? $"results: {final.ResultPath}" : $"{Short(final.State)}: {final.Error}");
            return succeeded ? ExitCodes.Success : ExitCodes.RuntimeFailure;
        }));
        ControlChannel.AddTo(command);
        return command;
    }

    public static Command Cancel()
    {
        var job = new Argument<string>("job") { Description = "The job id." };
        var command = new Command("cancel", "Cancel a job; the peer is told and fails it too.") { job, Party };
        command.SetAction((result, cancellation) => CallAsync(result, async control =>
        {
            JobStatus status = await control.CancelAsync(new GetJobRequest { JobId = result.GetValue(job) }, cancellationToken: cancellation);
            Console.WriteLine($"{status.JobId}: cancel requested ({Short(status.State)})");
        }));
        ControlChannel.AddTo(command);
        return command;
    }

    private static Task<int> CallAsync(ParseResult result, Func<Control.ControlClient, Task> call) =>
        CallAsync(result, async (control, _) => { await call(control); return ExitCodes.Success; });

    private static async Task<int> CallAsync(ParseResult result, Func<Control.ControlClient, Grpc.Net.Client.GrpcChannel, Task<int>> call)
    {
        try
        {
            using ControlConnection connection = ControlChannel.Open(result, result.GetValue(Party)!);
            return await call(new Control.ControlClient(connection.Channel), connection.Channel);
        }
        catch (RpcException e)
        {
            await Console.Error.WriteLineAsync($"privclust: {e.Status.Detail} ({e.StatusCode})");
            return e.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.FailedPrecondition ? ExitCodes.UsageOrDataError : ExitCodes.RuntimeFailure;
        }
        catch (UriFormatException e)
        {
            await Console.Error.WriteLineAsync($"privclust: --party: {e.Message}");
            return ExitCodes.UsageOrDataError;
        }
        catch (Exception e) when (e is FileNotFoundException or FormatException)
        {
            await Console.Error.WriteLineAsync($"privclust: {e.Message}");
            return ExitCodes.UsageOrDataError;
        }
    }

    private static string Short(JobState state) => state.ToString().ToLowerInvariant();
}
