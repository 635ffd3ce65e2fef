using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PrivClust.Cli.Bench;

/// <summary>
/// One process the benchmark started from this same executable (a daemon or the echo server), optionally behind a
/// launcher prefix such as <c>ip netns exec NS</c> (which execs, so the process id stays the daemon's). Keeps the
/// tail of its output for failure messages; reads its peak resident set (VmHWM) before it is stopped.
/// </summary>
public sealed class BenchChild : IDisposable
{
    private const int TailChars = 4000;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public BenchChild(string name, IReadOnlyList<string> launcher, IEnumerable<string> args)
    {
        Name = name;
        IReadOnlyList<string> self = SelfCommand();
        List<string> command = [.. launcher, .. self, .. args];
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("PRIVCLUST_PARTY");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The daemons run as deployed (deploy/entrypoint.sh): full JIT of everything from the first call, unless the caller chose.
        FullJitRelaunch.AddTo(start.Environment);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>This executable: the apphost, or <c>dotnet privclust.dll</c> when run through the dotnet host.</summary>
    public static IReadOnlyList<string> SelfCommand()
    {
        string host = Environment.ProcessPath ?? "dotnet";
        string assembly = typeof(BenchChild).Assembly.Location;
        return Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? [host, assembly] : [host];
    }

    /// <summary>Peak resident set size in MB (VmHWM of /proc/PID/status), or NaN where /proc is unavailable.</summary>
    public double PeakRssMb()
    {
        try
        {
            string? line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            string[] parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            return parts.Length >= 2 ? double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024 : double.NaN;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > TailChars)
            {
                _output.Remove(0, _output.Length - TailChars);
            }
        }
    }
}
