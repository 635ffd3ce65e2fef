using System.Globalization;

namespace PrivClust.Cli.Commands;

/// <summary>Prints a result as a table: centroids under their column headers (optionally beside the plaintext twin's), then the job's facts.</summary>
public static class ResultTable
{
    public static void Print(TextWriter output, ResultSummary result, double[][]? twin = null)
    {
        output.WriteLine($"{result.Algorithm}, {result.Partition}: {result.Centroids.Length} centroids, {result.Iterations} iterations, "
            + (result.Converged ? "converged" : "not converged (max-iter reached)"));
        var header = new List<string> { "cluster" };
        header.AddRange(result.Columns);
        if (twin is not null)
        {
            header.AddRange(result.Columns.Select(c => "plaintext " + c));
        }
        if (result.Sizes is not null)
        {
            header.Add("size");
        }
        var rows = new List<string[]> { header.ToArray() };
        for (int c = 0; c < result.Centroids.Length; c++)
        {
            var row = new List<string> { c.ToString(CultureInfo.InvariantCulture) };
            row.AddRange(result.Centroids[c].Select(Number));
            if (twin is not null)
            {
                row.AddRange(c < twin.Length ? twin[c].Select(Number) : result.Columns.Select(_ => "-"));
            }
            if (result.Sizes is not null)
            {
                row.Add(result.Sizes[c].ToString(CultureInfo.InvariantCulture));
            }
            rows.Add(row.ToArray());
        }
        WriteAligned(output, rows);
        PrintFacts(output, result);
    }

    private static void PrintFacts(TextWriter output, ResultSummary result)
    {
        if (result.Elbow is not null)
        {
            output.WriteLine("elbow: " + string.Join("  ", result.Elbow.Select(l => $"k={l.K}: {Number(l.Loss)}{(l.K == result.Knee ? " (knee)" : "")}")));
        }
        if (result.Inertia is double inertia)
        {
            output.WriteLine($"inertia: {Number(inertia)}");
        }
        string bytes = string.Join(", ", result.Bytes.Select(b => $"{b.Key} {ProgressPrinter.Bytes(b.Value)}"));
        output.WriteLine($"rounds: {result.Rounds}   bytes sent: {bytes}   wall: {result.WallMs:0.0} ms");
    }

    public static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static void WriteAligned(TextWriter output, List<string[]> rows)
    {
        int columns = rows[0].Length;
        int[] widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (string[] row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }
    }
}
