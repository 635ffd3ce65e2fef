using System.Diagnostics;
using System.Text;

namespace PrivClust.Cli.Tests.Support;

/// <summary>The built CLI (privclust.dll next to the tests) run as an OS process through the dotnet host.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new(), _error = new();

    private CliProcess(IEnumerable<string> args, string? workingDirectory)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "privclust.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("PRIVCLUST_PARTY");
        start.Environment.Remove("DOTNET_TieredCompilation"); // as on a fresh shell: privclust bench then relaunches itself with full JIT
        start.Environment.Remove("DOTNET_ReadyToRun");
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a long-running process (a daemon); <see cref="Dispose"/> kills it.</summary>
    public static CliProcess Start(params string[] args) => new(args, null);

    /// <summary>Runs a command to its end; past <paramref name="timeout"/> it is killed and the test fails.</summary>
    public static async Task<CliRun> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = new CliProcess(args, null);
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process._process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"privclust {string.Join(' ', args)} did not end within {timeout}: {process.Snapshot()}");
        }
        process._process.WaitForExit(); // drains the output readers
        return process.Snapshot();
    }

    public CliRun Snapshot()
    {
        lock (_output)
        {
            return new CliRun(_process.HasExited ? _process.ExitCode : -1, _output.ToString(), _error.ToString());
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                target.AppendLine(line);
            }
        }
    }
}
