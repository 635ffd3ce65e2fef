using System.CommandLine;
using PrivClust.Cli.Bench;
using PrivClust.Core.Benchmarks;

namespace PrivClust.Cli.Commands;

/// <summary>
/// <c>privclust bench --workload NAME|all [--in-process] [--json PATH] [--repeat N]</c>: measures whole secure jobs (docs/benchmarks.md).
/// By default the dealer and both parties run as three processes of this executable over gRPC with mutual TLS
/// (<see cref="ThreeProcessBenchmark"/>); <c>--in-process</c> runs them in this process over in-memory channels.
/// <c>--dealer-site/--a-site/--b-site HOST[=LAUNCHER]</c> place the processes (scripts/netem-bench.sh uses network namespaces).
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var workload = new Option<string>("--workload") { Description = $"Workload: {string.Join(", ", Workload.Names)}, or all.", Required = true };
        var inProcess = new Option<bool>("--in-process") { Description = "Dealer and both parties in this process (in-memory channels) instead of three processes over gRPC." };
        var delay = new Option<double>("--link-delay-ms")
        {
            Description = "Add this one-way delay (ms) to every connection between party a's side and party b's side, with relays in this process "
                + "(for kernels without tc netem; scripts/netem-bench.sh uses it when netem is missing).",
        };
        var remoteDealer = new Option<bool>("--remote-dealer") { Description = "With --link-delay-ms: party b's dealer connection gets the delay too (a dealer far from both parties)." };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Three processes: run the measured job this many times on the same daemons and pool their iterations (a steadier median).",
            DefaultValueFactory = _ => 1,
        };
        repeat.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--repeat: at least 1");
            }
        });
        var compare = new Option<string?>("--compare")
        {
            Description = "Another build's privclust (or privclust.dll): run it and this build alternately, three processes, "
                + "--rounds times each with --repeat jobs, and report both builds' median iteration times.",
        };
        var rounds = new Option<int>("--rounds") { Description = "With --compare: runs per build, alternating.", DefaultValueFactory = _ => 3 };
        rounds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--rounds: at least 1");
            }
        });
        var runs = new Option<int>("--runs")
        {
            Description = "Three processes: measure each workload this many times, each with fresh daemons and link probes; "
                + "show the run with the median time and summarise every run's time and floor ratio.",
            DefaultValueFactory = _ => 1,
        };
        runs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--runs: at least 1");
            }
        });
        var json = new Option<FileInfo?>("--json") { Description = "Also write the measurements as JSON (an object; an array for several workloads)." };
        Option<string?>[] sites = [Site("--dealer-site", "dealer"), Site("--a-site", "party a (the benchmark's own process must reach it and run beside it)"), Site("--b-site", "party b and the link probe's echo server")];
        var command = new Command("bench", "Benchmark a workload: time per iteration, rounds and bytes per iteration, peak RSS, the plaintext twin's time, the floor, "
            + "phases. Exit codes: 0 ok, 2 usage error, 1 runtime failure.") { workload, inProcess, json, repeat, runs, compare, rounds, delay, remoteDealer, sites[0], sites[1], sites[2], EchoCommand() };
        command.SetAction((result, cancellation) => CliErrors.RunAsync(async () =>
        {
            if (FullJitRelaunch.Needed)
            {
                return await FullJitRelaunch.RunAsync(cancellation);
            }
            string name = result.GetValue(workload)!;
            IReadOnlyList<string> names = name == "all" ? Workload.Names : [name];
            var placement = new BenchPlacement(Bench.Site.Parse(result.GetValue(sites[0])), Bench.Site.Parse(result.GetValue(sites[1])), Bench.Site.Parse(result.GetValue(sites[2])),
                TimeSpan.FromMilliseconds(result.GetValue(delay)), result.GetValue(remoteDealer));
            if (result.GetValue(compare) is { } other)
            {
                if (result.GetValue(inProcess) || result.GetValue(json) is not null || result.GetValue(runs) > 1)
                {
                    throw new UsageException("--compare: runs three processes and prints a summary; it takes neither --in-process, --json nor --runs");
                }
                if (!File.Exists(other))
                {
                    throw new UsageException($"--compare: no such file: {other}");
                }
                foreach (string each in names)
                {
                    Console.Error.WriteLine($"bench: {each}, this build against {other}, {result.GetValue(rounds)} rounds of {result.GetValue(repeat)} jobs each");
                    Console.Out.WriteLine(await BuildComparison.RunAsync(each, other, result.GetValue(rounds), result.GetValue(repeat), Console.Error, cancellation));
                }
                return ExitCodes.Success;
            }
            int count = result.GetValue(runs);
            if (count > 1 && result.GetValue(inProcess))
            {
                throw new UsageException("--runs: measures three processes; it does not take --in-process");
            }
            var series = new List<RunSeries>();
            foreach (string each in names)
            {
                Workload w = MallWorkload.Create(each);
                var measured = new List<BenchmarkReport>();
                for (int run = 1; run <= count; run++)
                {
                    Console.Error.WriteLine($"bench: {each} (n = {w.Rows}, d = {w.Columns}), {(result.GetValue(inProcess) ? "in process" : "three processes, mutual TLS")}, "
                        + FullJitRelaunch.Describe() + (count > 1 ? $", run {run} of {count}" : ""));
                    measured.Add(result.GetValue(inProcess) ? InProcess(w) : await ThreeProcessBenchmark.RunAsync(w, placement, Console.Error, cancellation, result.GetValue(repeat)));
                }
                series.Add(new RunSeries(measured));
            }
            BenchTable.Print(Console.Out, [.. series.Select(s => s.Representative)]);
            if (count > 1)
            {
                Console.Out.WriteLine();
                foreach (RunSeries each in series)
                {
                    Console.Out.WriteLine(each.Summary());
                }
            }
            if (result.GetValue(json) is { } path)
            {
                await File.WriteAllTextAsync(path.FullName, BenchJson.Write(series), cancellation);
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>In process: small workloads run once to warm the JIT, then measured (as bench/PrivClust.Benchmarks does).</summary>
    private static BenchmarkReport InProcess(Workload workload)
    {
        if (workload.Rows < 100_000)
        {
            InProcessBenchmark.Run(workload with { Spec = workload.Spec with { MaxIter = Math.Min(ThreeProcessBenchmark.WarmUpIterations, workload.Spec.MaxIter) } });
        }
        return InProcessBenchmark.Run(workload);
    }

    private static Option<string?> Site(string name, string role) =>
        new(name) { Description = $"Where the {role} runs: HOST or HOST=LAUNCHER (e.g. 10.77.0.2=ip netns exec pc-b); default 127.0.0.1 here." };

    /// <summary><c>privclust bench echo-server --url URL --certs DIR</c>: the link probe's server (started by the benchmark).</summary>
    private static Command EchoCommand()
    {
        var url = new Option<string>("--url") { Required = true };
        var certs = new Option<string>("--certs") { Required = true };
        var command = new Command("echo-server", "The benchmark's link probe server (started by privclust bench).") { url, certs };
        command.Hidden = true;
        command.SetAction((result, cancellation) => DaemonRunner.RunAsync(() => EchoServer.Build(result.GetValue(url)!, result.GetValue(certs)!), cancellation));
        return command;
    }
}
