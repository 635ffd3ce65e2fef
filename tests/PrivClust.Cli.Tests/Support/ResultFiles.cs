using System.Text.Json;

namespace PrivClust.Cli.Tests.Support;

/// <summary>Reads what the CLI and the daemons wrote: result.json centroids and labels, labels CSVs.</summary>
public static class ResultFiles
{
    public static double[][] Centroids(string resultJson)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(resultJson));
        Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
        return [.. document.RootElement.GetProperty("centroids").EnumerateArray().Select(c => c.EnumerateArray().Select(v => v.GetDouble()).ToArray())];
    }

    public static int[] Labels(string resultJson, string party)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(resultJson));
        return [.. document.RootElement.GetProperty("labels").GetProperty(party).EnumerateArray().Select(v => v.GetInt32())];
    }

    /// <summary>The label column of a "row,label" CSV.</summary>
    public static int[] LabelsCsv(string path) => [.. File.ReadAllLines(path).Skip(1).Select(line => int.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The job id the CLI announced on stderr ("job ID submitted").</summary>
    public static string JobId(CliRun run)
    {
        string line = run.Error.Split('\n').First(l => l.StartsWith("job ", StringComparison.Ordinal) && l.Contains(" submitted", StringComparison.Ordinal));
        return line.Split(' ')[1];
    }
}
