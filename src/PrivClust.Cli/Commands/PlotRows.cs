using PrivClust.Core.Data;

namespace PrivClust.Cli.Commands;

/// <summary>
/// A party's own rows for its cluster plot, read locally from its CSV (never through the network): the job's columns
/// that the file has (horizontal: all; vertical: this party's), in file order, with the labels of those rows.
/// </summary>
public sealed record PlotRows(IReadOnlyList<string> Columns, double[] Values, int RowCount, int[]? Labels)
{
    public static readonly PlotRows None = new([], [], 0, null);

    /// <param name="jobColumns">The result's columns (the centroids' coordinates).</param>
    /// <param name="labels">The labels of this file's rows (result.json, this party's), or null.</param>
    public static PlotRows Load(string path, IReadOnlyList<string> jobColumns, int[]? labels)
    {
        string[] header = ReadHeader(path);
        string[] own = [.. jobColumns.Where(c => header.Contains(c, StringComparer.Ordinal))];
        if (own.Length == 0)
        {
            throw new UsageException($"--data: {path} has none of the result's columns ({string.Join(", ", jobColumns)})");
        }
        CsvDataset data = CsvDataset.Load(path, own);
        if (labels is not null && labels.Length != data.RowCount)
        {
            throw new UsageException($"--data: {path} has {data.RowCount} rows but the result labels {labels.Length} (is it this party's file?)");
        }
        return new PlotRows(own, data.Values, data.RowCount, labels);
    }

    /// <summary>These rows, then <paramref name="other"/>'s (same columns): the demo plots both parties' rows.</summary>
    public PlotRows Concat(PlotRows other) => new(Columns, [.. Values, .. other.Values], RowCount + other.RowCount,
        Labels is null || other.Labels is null ? null : [.. Labels, .. other.Labels]);

    private static string[] ReadHeader(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataValidationException(path, null, null, "file not found");
        }
        string first = File.ReadLines(path).FirstOrDefault() ?? "";
        return [.. first.TrimStart('\uFEFF').Split(',').Select(h => h.Trim().Trim('"'))];
    }
}
