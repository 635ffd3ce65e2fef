using System.Text.Json;
using PrivClust.Plots;

namespace PrivClust.Cli.Commands;

/// <summary>
/// Draws a result into a folder: <c>clusters.png</c>/<c>.svg</c> (the given rows coloured by cluster, the centroids
/// marked, on two of the job's columns) and, for an elbow job, <c>elbow.png</c>/<c>.svg</c> with the knee marked.
/// </summary>
public static class ResultPlots
{
    /// <param name="plotColumns">"x,y" (--plot-columns), or null for the first two columns the rows have.</param>
    /// <returns>The file names written.</returns>
    public static IReadOnlyList<string> Write(string folder, ResultSummary result, PlotRows rows, string? plotColumns, string whose)
    {
        var written = new List<string>();
        if (result.Elbow is { Count: > 0 } losses)
        {
            ElbowPlot.Save(Path.Combine(folder, "elbow"), losses, result.Knee, $"Elbow: k-means loss per k{(result.Knee is int k ? $", knee at k = {k}" : "")}");
            written.AddRange(["elbow.png", "elbow.svg"]);
        }
        IReadOnlyList<string> available = rows.RowCount > 0 ? rows.Columns : result.Columns;
        if (result.Centroids.Length == 0 || available.Count < 2)
        {
            return written;
        }
        (string x, string y) = Axes(plotColumns, available, result.Columns);
        int rx = IndexIn(available, x), ry = IndexIn(available, y);
        int cx = IndexIn(result.Columns, x), cy = IndexIn(result.Columns, y);
        int d = Math.Max(available.Count, 1);
        double[] values = new double[2 * rows.RowCount];
        for (int i = 0; i < rows.RowCount; i++)
        {
            values[2 * i] = rows.Values[i * d + rx];
            values[2 * i + 1] = rows.Values[i * d + ry];
        }
        double[][] centroids = [.. result.Centroids.Select(c => new[] { c[cx], c[cy] })];
        ClusterPlot.Save(Path.Combine(folder, "clusters"), values, [x, y], rows.Labels, centroids, (0, 1), Title(result, rows, whose));
        written.AddRange(["clusters.png", "clusters.svg"]);
        return written;
    }

    /// <summary>The labels of <paramref name="party"/> ("a" or "b") in a result.json; null party: the only labels it holds.</summary>
    public static (string Party, int[] Labels)? Labels(string resultJson, string? party)
    {
        using JsonDocument document = JsonDocument.Parse(resultJson);
        if (!document.RootElement.TryGetProperty("labels", out JsonElement labels))
        {
            return null;
        }
        JsonProperty[] parties = [.. labels.EnumerateObject()];
        JsonProperty? chosen = party is null
            ? (parties.Length == 1 ? parties[0] : throw new UsageException($"--labels-of: the result holds the labels of {string.Join(" and ", parties.Select(p => p.Name))}; name one"))
            : parties.Cast<JsonProperty?>().FirstOrDefault(p => p!.Value.Name == party)
              ?? throw new UsageException($"--labels-of: the result holds no labels of party {party}");
        return (chosen.Value.Name, [.. chosen.Value.Value.EnumerateArray().Select(v => v.GetInt32())]);
    }

    private static (string X, string Y) Axes(string? plotColumns, IReadOnlyList<string> available, IReadOnlyList<string> jobColumns)
    {
        if (plotColumns is null)
        {
            return (available[0], available[1]);
        }
        string[] names = plotColumns.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length != 2 || names[0] == names[1])
        {
            throw new UsageException($"--plot-columns: give two different columns, \"x,y\" (got \"{plotColumns}\")");
        }
        foreach (string name in names)
        {
            if (!available.Contains(name) || !jobColumns.Contains(name))
            {
                throw new UsageException($"--plot-columns: \"{name}\" is not one of the plotted columns ({string.Join(", ", available)})");
            }
        }
        return (names[0], names[1]);
    }

    private static int IndexIn(IReadOnlyList<string> columns, string name) => columns.ToList().IndexOf(name);

    private static string Title(ResultSummary result, PlotRows rows, string whose)
    {
        string algorithm = result.Algorithm switch { "kmeans" => "k-means", "meanshift" => "mean-shift", "elbow" => "k-means at the knee", _ => result.Algorithm };
        string what = rows.RowCount == 0 ? "centroids only (no --data)" : $"{whose} ({rows.RowCount} rows)";
        return $"{algorithm}, {result.Centroids.Length} clusters: {what}";
    }
}
