using System.Diagnostics;
using System.Text.Json;
using Grpc.Core;
using PrivClust.Cli.Commands;
using PrivClust.Core.Benchmarks;
using PrivClust.Protos.V1;

namespace PrivClust.Cli.Bench;

/// <summary>
/// <c>privclust bench</c>'s default mode: the dealer and the two parties as three processes (<see cref="BenchCluster"/>)
/// over gRPC with mutual TLS. Measures the link before and after the jobs (<see cref="LinkProbe"/>; the floor takes the
/// better of the two), submits the workload's job to party a
/// as the operator, follows a's progress stream (rounds and bytes per iteration), fetches both parties' result.json
/// (iterations, per-iteration times) and reads the processes' peak RSS before stopping them. The daemons do not
/// report phases, the dealer's bytes per iteration or a plaintext time, so those come from an in-process run of the
/// same workload right after (same protocol, same data: the dealer's corrections per iteration are the same).
/// </summary>
public static class ThreeProcessBenchmark
{
    /// <summary>Iterations of the warm-up job run before the measured one.</summary>
    public const int WarmUpIterations = 3;

    /// <param name="repeat">Measured jobs (after the warm-up): their iteration times are pooled, their totals' median reported.</param>
    public static async Task<BenchmarkReport> RunAsync(Workload workload, BenchPlacement placement, TextWriter log, CancellationToken cancellation,
        int repeat = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        var runs = new List<NetworkRun>();
        LinkMeasurement link;
        using (BenchCluster cluster = await BenchCluster.StartAsync(workload, placement, TimeSpan.FromSeconds(120)))
        {
            LinkMeasurement before = await LinkProbe.MeasureAsync(cluster.EchoUrl, cluster.Certificates, TimeSpan.FromSeconds(120));
            log.WriteLine($"  {workload.Name}: link a↔b {before}");
            for (int i = 0; i < repeat; i++)
            {
                runs.Add(await RunJobAsync(cluster, workload, warmUp: i == 0, cancellation));
                double[] iterations = runs[^1].IterationMs;
                log.WriteLine($"  {workload.Name}: job {i + 1}: {runs[^1].TotalMs:F0} ms, iterations (ms): "
                    + string.Join(" ", iterations.Take(12).Select(t => t.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))
                    + (iterations.Length > 12 ? " …" : ""));
            }
            // Again with every process warm: the floor takes the better of the two measurements.
            LinkMeasurement after = await LinkProbe.MeasureAsync(cluster.EchoUrl, cluster.Certificates, TimeSpan.FromSeconds(120));
            link = LinkMeasurement.Best(before, after);
            log.WriteLine($"  {workload.Name}: link a↔b after the jobs {after}; the floor takes {link}");
        }
        BenchmarkReport companion = InProcessBenchmark.Run(workload);
        NetworkRun run = runs[^1];
        using JsonDocument result = JsonDocument.Parse(run.ResultA);
        JsonElement root = result.RootElement;
        double[] times = [.. runs.SelectMany(r => r.IterationMs)];
        var bytes = new PartyBytes(run.Trace.BytesSentPerIteration, run.Trace.BytesReceivedPerIteration, companion.BytesPerIteration.Dealer);
        return new BenchmarkReport
        {
            Workload = workload.Name, Mode = "three-process", N = workload.Rows, D = workload.Columns, K = root.GetProperty("k").GetInt32(),
            Iterations = root.GetProperty("iterations").GetInt32(), IterationMs = TimingSummary.Of(times),
            TotalMs = TimingSummary.Of([.. runs.Select(r => r.TotalMs)]).Median,
            RoundsPerIteration = run.Trace.RoundsPerIteration, BytesPerIteration = bytes, PeakRssMb = run.PeakRss,
            PlaintextIterationMs = companion.PlaintextIterationMs,
            FloorMs = link.FloorMs((bytes.A + bytes.B) / 2, run.Trace.RoundsPerIteration),
            Phases = companion.Phases,
        };
    }

    private static async Task<NetworkRun> RunJobAsync(BenchCluster cluster, Workload workload, bool warmUp, CancellationToken cancellation)
    {
        using ControlConnection a = OperatorClient.Open(cluster.ControlUrls[0], cluster.Certificates, "a");
        using ControlConnection b = OperatorClient.Open(cluster.ControlUrls[1], cluster.Certificates, "b");
        var clientA = new JobClient(a.Channel);
        var control = new Control.ControlClient(a.Channel);
        var trace = new JobTrace();
        if (warmUp)
        {
            await WarmUpAsync(clientA, workload, cancellation);
        }
        var clock = Stopwatch.StartNew();
        string jobId = await clientA.SubmitAsync(workload.Spec, cancellation);
        using (AsyncServerStreamingCall<JobProgressUpdate> watch = control.Watch(new GetJobRequest { JobId = jobId }, cancellationToken: cancellation))
        {
            await foreach (JobProgressUpdate update in watch.ResponseStream.ReadAllAsync(cancellation))
            {
                trace.Add(update);
            }
        }
        double totalMs = clock.Elapsed.TotalMilliseconds;
        JobStatus status = await control.GetAsync(new GetJobRequest { JobId = jobId }, cancellationToken: cancellation);
        PartyMegabytes peak = cluster.PeakRss();
        if (status.State != JobState.Succeeded)
        {
            throw new JobFailedException($"bench {workload.Name}: job {jobId} {status.State}: {status.Error}\n{cluster.Logs()}");
        }
        // Read from the results folders (same machine): ControlResults.GetResult cannot return a big job's result
        // (labels of 5·10^5 rows exceed the 4 MB gRPC message limit).
        string resultA = await File.ReadAllTextAsync(Path.Combine(status.ResultPath, "result.json"), cancellation);
        JobStatus statusB = await new JobClient(b.Channel).WaitAsync(jobId, new ProgressPrinter(TextWriter.Null), cancellation);
        string resultB = await File.ReadAllTextAsync(Path.Combine(statusB.ResultPath, "result.json"), cancellation);
        CheckSameCentroids(resultA, resultB, workload.Name);
        using JsonDocument parsed = JsonDocument.Parse(resultA);
        double[] iterationMs = [.. parsed.RootElement.GetProperty("metrics").GetProperty("iteration_ms").EnumerateArray().Select(t => t.GetDouble())];
        return new NetworkRun(trace, resultA, iterationMs, totalMs, peak);
    }

    /// <summary>
    /// The daemons are long-running: measure them warm, not in tier-0 JIT code. The same job runs first (for more
    /// than 10^4 rows with at most <see cref="WarmUpIterations"/> iterations), then a pause lets the background JIT
    /// finish (without it, meanshift-seed's three iterations ran 120–400 ms each in freshly started processes; with
    /// a 3-iteration warm-up only, mall-kmeans's measured job raced the tier-1 compiler: 38–169 ms medians).
    /// </summary>
    private static async Task WarmUpAsync(JobClient client, Workload workload, CancellationToken cancellation)
    {
        var spec = workload.Rows <= 10_000 ? workload.Spec : workload.Spec with { MaxIter = Math.Min(WarmUpIterations, workload.Spec.MaxIter) };
        string jobId = await client.SubmitAsync(spec, cancellation);
        JobStatus status = await client.WaitAsync(jobId, new ProgressPrinter(TextWriter.Null), cancellation);
        if (status.State != JobState.Succeeded)
        {
            throw new JobFailedException($"bench {workload.Name}: warm-up job {jobId} {status.State}: {status.Error}");
        }
        await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
    }

    /// <summary>Both parties must have learnt the same centroids; a benchmark of a wrong run is no benchmark.</summary>
    private static void CheckSameCentroids(string a, string b, string workload)
    {
        using JsonDocument x = JsonDocument.Parse(a), y = JsonDocument.Parse(b);
        if (x.RootElement.GetProperty("centroids").GetRawText() != y.RootElement.GetProperty("centroids").GetRawText())
        {
            throw new JobFailedException($"bench {workload}: parties a and b wrote different centroids");
        }
    }

    private sealed record NetworkRun(JobTrace Trace, string ResultA, double[] IterationMs, double TotalMs, PartyMegabytes PeakRss);
}
