using System.CommandLine;
using Grpc.Core;
using PrivClust.Protos.V1;

namespace PrivClust.Cli.Commands;

/// <summary>
/// <c>privclust submit</c>: submit a horizontal k-means job to a party daemon's control API, wait for it to end and
/// print where the daemon wrote the result (and the result itself with <c>--print-result</c> when that folder is
/// readable here, e.g. a container that mounts the party's results volume). A small client for scripts and the compose
/// demo; <c>privclust kmeans</c> is the full command with every job option of DESIGN §7.
/// </summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var party = new Option<string>("--party")
        {
            Description = "The party daemon's gRPC URL. Default: $PRIVCLUST_PARTY, else http://127.0.0.1:7101.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PRIVCLUST_PARTY") ?? "https://127.0.0.1:7101",
        };
        var columns = new Option<string>("--columns") { Description = "Comma-separated columns to cluster.", Required = true };
        var k = new Option<int>("--k") { Description = "Number of clusters. Default 5.", DefaultValueFactory = _ => 5 };
        var seed = new Option<ulong>("--seed") { Description = "Public seed of the joint coin flips (0: a fresh joint coin flip). Default 1.", DefaultValueFactory = _ => 1UL };
        var maxIter = new Option<int>("--max-iter") { Description = "Maximum iterations. Default 300.", DefaultValueFactory = _ => 300 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the job to end. Default 600.", DefaultValueFactory = _ => 600 };
        var print = new Option<bool>("--print-result") { Description = "Print result.json from the result folder when it is readable here." };
        var command = new Command("submit", "Submit a k-means job (farthest init, horizontal) to a party daemon, wait for it, print the result folder.")
        {
            party, columns, k, seed, maxIter, timeout, print,
        };
        ControlChannel.AddTo(command); // --certs DIR (operator certificate), --party-identity, --insecure-dev
        command.SetAction(async (result, cancellation) =>
        {
            var spec = new JobSpec
            {
                Algorithm = Algorithm.Kmeans,
                Partition = Partition.Horizontal,
                K = result.GetValue(k),
                Init = InitMethod.Farthest,
                NInit = 1,
                MaxIter = result.GetValue(maxIter),
                Scale = Scaling.None,
                Seed = result.GetValue(seed),
            };
            spec.Columns.AddRange(result.GetValue(columns)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(TimeSpan.FromSeconds(result.GetValue(timeout)));
            try
            {
                using ControlConnection connection = ControlChannel.Open(result, result.GetValue(party)!);
                var control = new Control.ControlClient(connection.Channel);
                SubmitReply submitted = await control.SubmitAsync(new SubmitRequest { Spec = spec }, cancellationToken: deadline.Token);
                Console.WriteLine($"submitted {submitted.JobId}");
                JobStatus status;
                while (true)
                {
                    status = await control.GetAsync(new GetJobRequest { JobId = submitted.JobId }, cancellationToken: deadline.Token);
                    if (status.State is JobState.Succeeded or JobState.Failed or JobState.Cancelled or JobState.Refused)
                    {
                        break;
                    }
                    await Task.Delay(200, deadline.Token);
                }
                if (status.State != JobState.Succeeded)
                {
                    await Console.Error.WriteLineAsync($"privclust: job {status.JobId} {status.State.ToString().ToLowerInvariant()}: {status.Error}");
                    return ExitCodes.RuntimeFailure;
                }
                Console.WriteLine($"results: {status.ResultPath}");
                string json = Path.Combine(status.ResultPath, "result.json");
                if (result.GetValue(print) && File.Exists(json))
                {
                    Console.WriteLine(await File.ReadAllTextAsync(json, deadline.Token));
                }
                return ExitCodes.Success;
            }
            catch (RpcException e)
            {
                await Console.Error.WriteLineAsync($"privclust: {e.Status.Detail} ({e.StatusCode})");
                return e.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.FailedPrecondition ? ExitCodes.UsageOrDataError : ExitCodes.RuntimeFailure;
            }
            catch (Exception e) when (e is FileNotFoundException or FormatException or System.Security.Cryptography.CryptographicException)
            {
                await Console.Error.WriteLineAsync($"privclust: {e.Message}");
                return ExitCodes.UsageOrDataError;
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"privclust: the job did not end within {result.GetValue(timeout)} s");
                return ExitCodes.RuntimeFailure;
            }
        });
        return command;
    }
}
