using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PrivClust.Cli.Bench;

/// <summary>
/// <c>privclust bench --workload W --compare OTHER</c>: this build against another one on the same machine, minutes apart.
/// On a shared two-core machine the same build's median moves by 2× between runs a few minutes apart, so a comparison of
/// two builds is only meaningful side by side: each round runs <c>privclust bench --workload W --repeat R</c> with this
/// build, then with the other, as child processes (<paramref name="rounds"/> times, alternating), pools the per-job
/// iteration times each run logs, and reports per build the median of the jobs' first iterations, of the others and of all.
/// </summary>
public static partial class BuildComparison
{
    /// <param name="other">The other build: its <c>privclust</c> executable, or its <c>privclust.dll</c> (run through dotnet).</param>
    public static async Task<string> RunAsync(string workload, string other, int rounds, int repeat, TextWriter log, CancellationToken cancellation)
    {
        (string Name, IReadOnlyList<string> Command)[] builds = [("this build", BenchChild.SelfCommand()), ($"other build ({other})", Launcher(other))];
        var pooled = builds.ToDictionary(b => b.Name, _ => new List<double[]>());
        for (int round = 1; round <= rounds; round++)
        {
            foreach ((string name, IReadOnlyList<string> command) in builds)
            {
                List<double[]> jobs = await RunOnceAsync(command, workload, repeat, cancellation);
                log.WriteLine($"  {workload}: round {round}, {name}: {jobs.Count} jobs");
                pooled[name].AddRange(jobs);
            }
        }
        return string.Join(Environment.NewLine, builds.Select(b => Summary(workload, b.Name, pooled[b.Name])));
    }

    private static IReadOnlyList<string> Launcher(string other) =>
        other.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", other] : [other];

    private static async Task<List<double[]>> RunOnceAsync(IReadOnlyList<string> command, string workload, int repeat, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in command.Skip(1).Concat(["bench", "--workload", workload, "--repeat", repeat.ToString(CultureInfo.InvariantCulture)]))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment[FullJitRelaunch.Variable] = "0";
        FullJitRelaunch.AddTo(start.Environment);
        using Process process = Process.Start(start) ?? throw new IOException($"could not start {command[0]}");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellation);
        string errors = await process.StandardError.ReadToEndAsync(cancellation);
        await output;
        await process.WaitForExitAsync(cancellation);
        if (process.ExitCode != 0)
        {
            throw new IOException($"{string.Join(' ', command)} bench --workload {workload} failed (exit {process.ExitCode}): "
                + errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault());
        }
        return [.. errors.Split('\n').Select(line => JobLine().Match(line)).Where(m => m.Success).Select(m => Times(m.Groups[1].Value))];
    }

    private static double[] Times(string list) =>
        [.. list.Replace("…", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t, CultureInfo.InvariantCulture))];

    private static string Summary(string workload, string name, List<double[]> jobs)
    {
        double[] first = [.. jobs.Select(j => j[0])], others = [.. jobs.SelectMany(j => j.Skip(1))], all = [.. jobs.SelectMany(j => j)];
        return string.Create(CultureInfo.InvariantCulture,
            $"compare {workload}, {name}: {jobs.Count} jobs, ms per iteration (median): first {Median(first):F2}, others {Median(others):F2}, all {Median(all):F2}");
    }

    private static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }
        Array.Sort(values);
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
    }

    /// <summary>A per-job line of <see cref="ThreeProcessBenchmark"/>'s log: "  W: job N: T ms, iterations (ms): t1 t2 …".</summary>
    [GeneratedRegex(@": job \d+: \d+ ms, iterations \(ms\): (.*)$")]
    private static partial Regex JobLine();
}
