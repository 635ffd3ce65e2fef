using System.Diagnostics;
using System.Runtime.InteropServices;
using PrivClust.Cli.Commands;

namespace PrivClust.Cli.Bench;

/// <summary>
/// The benchmark's own process runs with full JIT, like the daemons it measures. With the default tiered JIT its
/// background compiler kept re-compiling for the whole run (about half a core on a two-core machine, measured with
/// perf during mall-kmeans jobs), taking CPU from the parties it times: mall-kmeans measured 7.0–7.6 ms per iteration
/// with the orchestrator tiered and 5.3–5.6 ms without, same build, alternated (docs/benchmarks.md). The setting only
/// takes effect at start-up, so <c>privclust bench</c> runs itself again with <c>DOTNET_TieredCompilation=0</c>
/// unless the caller set that variable (any value: the caller's choice wins, and the child does not relaunch).
/// It also sets <c>DOTNET_ReadyToRun=0</c> (unless set), as for the daemons it starts (<see cref="AddTo"/>).
/// </summary>
public static partial class FullJitRelaunch
{
    public const string Variable = "DOTNET_TieredCompilation";

    /// <summary>
    /// Without tiering, the framework's precompiled (ReadyToRun) code is never re-compiled: Kestrel, HTTP/2, SslStream
    /// and the collections run for the daemon's whole life as code made for any x64. With it off every method is
    /// compiled for this processor on its first call (a daemon starts in ~2.2 s instead of 0.7 s here);
    /// docs/operations.md, "JIT".
    /// </summary>
    public const string ReadyToRunVariable = "DOTNET_ReadyToRun";

    /// <summary>Full JIT for a long-running process: both variables set to 0 where the environment does not set them.</summary>
    public static void AddTo(IDictionary<string, string?> environment)
    {
        environment.TryAdd(Variable, "0");
        environment.TryAdd(ReadyToRunVariable, "0");
    }

    /// <summary>The two settings as this process runs with them, for the first log line.</summary>
    public static string Describe() =>
        $"{Variable}={Environment.GetEnvironmentVariable(Variable)}, {ReadyToRunVariable}={Environment.GetEnvironmentVariable(ReadyToRunVariable) ?? "1"}";

    /// <summary>True when this process should hand over to a full-JIT copy of itself.</summary>
    public static bool Needed => Environment.GetEnvironmentVariable(Variable) is null;

    /// <summary>Runs this executable again with the same arguments and full JIT, sharing the console; returns its exit code.</summary>
    public static async Task<int> RunAsync(CancellationToken cancellation)
    {
        IReadOnlyList<string> self = BenchChild.SelfCommand();
        var start = new ProcessStartInfo(self[0]) { UseShellExecute = false };
        foreach (string arg in self.Skip(1).Concat(Environment.GetCommandLineArgs().Skip(1)))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment[Variable] = "0";
        AddTo(start.Environment);
        using Process child = Process.Start(start) ?? throw new IOException("could not start the benchmark process");
        try
        {
            await child.WaitForExitAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            // A terminal's Ctrl-C reaches the child too; a signal sent to this process alone is passed on. The child
            // stops its daemons; it is killed with them if it has not within the time this process has left to exit.
            Interrupt(child);
            if (!child.WaitForExit(CliParser.TerminationTimeout - TimeSpan.FromSeconds(1)))
            {
                child.Kill(entireProcessTree: true);
            }
            throw;
        }
        return child.ExitCode;
    }

    private static void Interrupt(Process child)
    {
        if (!OperatingSystem.IsLinux() || child.HasExited)
        {
            return;
        }
        try
        {
            _ = Kill(child.Id, SigInt);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No glibc: the child is killed below instead.
        }
    }

    private const int SigInt = 2;

    [LibraryImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
