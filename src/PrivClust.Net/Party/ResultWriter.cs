using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PrivClust.Core.Clustering;

namespace PrivClust.Net.Party;

/// <summary>
/// Writes a job's results under the results folder atomically: <c>result.json</c> (version 1, DESIGN §7)
/// and <c>labels.csv</c> go to a temporary folder that is then renamed to the job's id, so a job leaves
/// either a complete result or none.
/// </summary>
public sealed class ResultWriter(IOptions<PartyOptions> options)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes and returns the job's result folder.</summary>
    public string Write(string jobId, JobSpec spec, EngineResult result, JobRunSummary summary)
    {
        string root = Path.GetFullPath(options.Value.ResultsFolder);
        Directory.CreateDirectory(root);
        string final = Path.Combine(root, jobId);
        string temporary = Path.Combine(root, $".tmp-{jobId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            File.WriteAllText(Path.Combine(temporary, "result.json"), JsonSerializer.Serialize(Document(spec, result, summary), Json));
            File.WriteAllText(Path.Combine(temporary, "labels.csv"), LabelsCsv(result.Labels));
            Directory.Move(temporary, final);
            return final;
        }
        catch
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    private static Dictionary<string, object?> Document(JobSpec spec, EngineResult result, JobRunSummary summary)
    {
        var document = new Dictionary<string, object?>
        {
            ["version"] = 1,
            ["algorithm"] = spec.Algorithm == Algorithm.KMeans ? "kmeans" : "meanshift",
            ["partition"] = spec.Partition == Partition.Horizontal ? "horizontal" : "vertical",
            ["columns"] = spec.Columns,
            ["k"] = result.Centroids.Count,
            ["iterations"] = result.Iterations,
            ["converged"] = result.Converged,
            ["centroids"] = result.Centroids,
            ["labels"] = new Dictionary<string, IReadOnlyList<int>> { [summary.PartyName] = result.Labels },
            ["metrics"] = new Dictionary<string, object?>
            {
                ["wall_ms"] = summary.WallMs,
                ["iteration_ms"] = result.IterationMs ?? [],
                ["rounds"] = summary.Rounds,
                ["bytes"] = new Dictionary<string, long> { ["sent"] = summary.BytesSent, ["received"] = summary.BytesReceived, ["dealer"] = summary.DealerBytes },
            },
        };
        if (result.Sizes is not null)
        {
            document["sizes"] = result.Sizes;
        }
        if (result.Inertia is not null)
        {
            document["inertia"] = result.Inertia;
        }
        return document;
    }

    private static string LabelsCsv(IReadOnlyList<int> labels)
    {
        var csv = new StringBuilder("row,label\n");
        for (int i = 0; i < labels.Count; i++)
        {
            csv.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(',').Append(labels[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return csv.ToString();
    }
}
