using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivClust.Core.Clustering;

namespace PrivClust.Core.Results;

/// <summary>
/// <c>result.json</c>, version 1 (DESIGN §7), and the labels CSV. Written by the party daemons (one party's
/// labels) and by the embedded demo (both). Centroids are in original units; labels follow each party's file
/// order; <c>metrics.bytes</c> gives what each party sent and what the dealer sent to the parties.
/// </summary>
public static class ResultDocument
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <param name="labels">Labels per party name ("a", "b"), for the parties whose labels this result holds.</param>
    /// <param name="bytes">Bytes sent per party name and by the dealer ("dealer").</param>
    public static string ToJson(JobResult result, IReadOnlyDictionary<string, int[]> labels, IReadOnlyDictionary<string, long> bytes)
    {
        var json = new JsonObject
        {
            ["version"] = 1,
            ["algorithm"] = Name(result.Algorithm),
            ["partition"] = result.Partition == Partition.Horizontal ? "horizontal" : "vertical",
            ["columns"] = new JsonArray(result.Columns.Select(c => (JsonNode)c).ToArray()),
            ["k"] = result.K,
            ["iterations"] = result.Iterations,
            ["converged"] = result.Converged,
            ["converged_bits"] = new JsonArray(result.ConvergedBits.Select(b => (JsonNode)b).ToArray()),
            ["centroids"] = new JsonArray(result.Centroids.Select(c => (JsonNode)new JsonArray(c.Select(v => (JsonNode)v).ToArray())).ToArray()),
            ["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)new JsonArray(l.Value.Select(v => (JsonNode)v).ToArray())))),
            ["metrics"] = new JsonObject
            {
                ["wall_ms"] = Math.Round(result.WallMilliseconds, 3),
                ["iteration_ms"] = new JsonArray(result.IterationMilliseconds.Select(t => (JsonNode)Math.Round(t, 3)).ToArray()),
                ["rounds"] = result.Rounds,
                ["bytes"] = new JsonObject(bytes.Select(b => KeyValuePair.Create(b.Key, (JsonNode?)b.Value))),
            },
        };
        if (result.Sizes is not null)
        {
            json["sizes"] = new JsonArray(result.Sizes.Select(s => (JsonNode)s).ToArray());
        }
        if (result.Inertia is not null)
        {
            json["inertia"] = result.Inertia;
        }
        if (result.ElbowLosses is not null)
        {
            json["elbow"] = new JsonObject
            {
                ["losses"] = new JsonArray(result.ElbowLosses.Select(l => (JsonNode)new JsonObject { ["k"] = l.K, ["loss"] = l.Loss }).ToArray()),
                ["knee"] = result.Knee,
            };
        }
        if (result.ScalingStatistics is not null)
        {
            json["scaling"] = new JsonArray(result.ScalingStatistics.Select(s => (JsonNode)new JsonObject { ["offset"] = s.Offset, ["scale"] = s.Scale }).ToArray());
        }
        return json.ToJsonString(Indented);
    }

    /// <summary>"row,label" with 1-based data rows in the party's file order.</summary>
    public static string LabelsCsv(IReadOnlyList<int> labels)
    {
        var csv = new StringBuilder("row,label\n");
        for (int i = 0; i < labels.Count; i++)
        {
            csv.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(',').Append(labels[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return csv.ToString();
    }

    public static string Name(Algorithm algorithm) => algorithm switch
    {
        Algorithm.KMeans => "kmeans",
        Algorithm.MeanShift => "meanshift",
        _ => "elbow",
    };
}
