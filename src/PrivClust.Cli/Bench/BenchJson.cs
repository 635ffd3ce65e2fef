using System.Text;
using System.Text.Json;
using PrivClust.Core.Benchmarks;

namespace PrivClust.Cli.Bench;

/// <summary>
/// The JSON of <c>privclust bench --json</c>: per workload exactly the fields of issue 7 (<c>workload, n, d, k,
/// iterations, iteration_ms{median,min,max}, total_ms, rounds_per_iteration, bytes_per_iteration{a,b,dealer},
/// peak_rss_mb{a,b,dealer}, plaintext_iteration_ms, floor_ms</c>) plus <c>phases</c> (name, ms, rounds, bytes sent by
/// party a over the whole job). One workload: an object; several: an array. A value that could not be measured is null.
/// With <c>--runs N</c> (N &gt; 1) a workload's object is its median run's, plus <c>runs</c>: every run's
/// <c>iteration_ms_median</c>, <c>floor_ms</c> and <c>ratio</c>, in the order they ran.
/// </summary>
public static class BenchJson
{
    public static string Write(IReadOnlyList<BenchmarkReport> reports) => Write([.. reports.Select(r => new RunSeries([r]))]);

    public static string Write(IReadOnlyList<RunSeries> series)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            if (series.Count == 1)
            {
                Write(json, series[0]);
            }
            else
            {
                json.WriteStartArray();
                foreach (RunSeries each in series)
                {
                    Write(json, each);
                }
                json.WriteEndArray();
            }
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, RunSeries series)
    {
        BenchmarkReport r = series.Representative;
        json.WriteStartObject();
        json.WriteString("workload", r.Workload);
        json.WriteNumber("n", r.N);
        json.WriteNumber("d", r.D);
        json.WriteNumber("k", r.K);
        json.WriteNumber("iterations", r.Iterations);
        Triple(json, "iteration_ms", ("median", r.IterationMs.Median), ("min", r.IterationMs.Min), ("max", r.IterationMs.Max));
        Number(json, "total_ms", r.TotalMs);
        Number(json, "rounds_per_iteration", r.RoundsPerIteration);
        Triple(json, "bytes_per_iteration", ("a", r.BytesPerIteration.A), ("b", r.BytesPerIteration.B), ("dealer", r.BytesPerIteration.Dealer));
        Triple(json, "peak_rss_mb", ("a", r.PeakRssMb.A), ("b", r.PeakRssMb.B), ("dealer", r.PeakRssMb.Dealer));
        Number(json, "plaintext_iteration_ms", r.PlaintextIterationMs);
        Number(json, "floor_ms", r.FloorMs);
        json.WriteStartArray("phases");
        foreach (PhaseReport phase in r.Phases)
        {
            json.WriteStartObject();
            json.WriteString("phase", phase.Phase);
            Number(json, "ms", phase.Ms);
            json.WriteNumber("rounds", phase.Rounds);
            json.WriteNumber("bytes", phase.BytesSent);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (series.Runs.Count > 1)
        {
            json.WriteStartArray("runs");
            foreach (BenchmarkReport run in series.Runs)
            {
                json.WriteStartObject();
                Number(json, "iteration_ms_median", run.IterationMs.Median);
                Number(json, "floor_ms", run.FloorMs);
                Number(json, "ratio", RunSeries.Ratio(run));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void Triple(Utf8JsonWriter json, string name, params (string Name, double Value)[] values)
    {
        json.WriteStartObject(name);
        foreach ((string field, double value) in values)
        {
            Number(json, field, value);
        }
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, 3));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
