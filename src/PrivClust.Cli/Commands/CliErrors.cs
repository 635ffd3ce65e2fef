using System.Text.Json;
using Grpc.Core;
using PrivClust.Core.Data;

namespace PrivClust.Cli.Commands;

/// <summary>
/// Maps what can go wrong in a client command to DESIGN §7's exit codes, with one line on stderr:
/// 2 for usage and data errors (naming the option, file, row or column), 1 for runtime failures.
/// </summary>
public static class CliErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (ExitCode(e) is { } code)
        {
            await Console.Error.WriteLineAsync("privclust: " + OneLine(Describe(e)));
            return code;
        }
    }

    private static int? ExitCode(Exception e) => e switch
    {
        UsageException or DataValidationException or UriFormatException => ExitCodes.UsageOrDataError,
        RpcException rpc => rpc.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.NotFound
            ? ExitCodes.UsageOrDataError : ExitCodes.RuntimeFailure,
        JobFailedException or IOException or JsonException or NotSupportedException or UnauthorizedAccessException => ExitCodes.RuntimeFailure,
        OperationCanceledException => ExitCodes.RuntimeFailure,
        _ => null,
    };

    private static string Describe(Exception e) => e switch
    {
        UriFormatException => "--party: " + e.Message,
        RpcException { StatusCode: StatusCode.Unavailable } rpc => $"the party daemon cannot be reached ({rpc.Status.Detail})",
        RpcException rpc => $"{rpc.Status.Detail} ({rpc.StatusCode})",
        OperationCanceledException => "interrupted",
        _ => e.Message,
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
