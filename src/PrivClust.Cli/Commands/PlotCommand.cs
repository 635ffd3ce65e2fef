using System.CommandLine;

namespace PrivClust.Cli.Commands;

/// <summary>
/// <c>privclust plot RESULT</c>: redraws clusters.png/.svg (and elbow.png/.svg for an elbow result) from a result.json,
/// with this party's rows from its own CSV (--data), locally; nothing is sent anywhere.
/// </summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var resultFile = new Argument<FileInfo>("result") { Description = "A result.json (version 1) written by kmeans, meanshift, elbow, demo or a party daemon." };
        var data = new Option<FileInfo?>("--data") { Description = "This party's CSV: its rows are drawn coloured by their labels in the result. Default: centroids only." };
        var labelsOf = new Option<string?>("--labels-of") { Description = "a or b: whose labels match --data (needed only when the result holds both, as the demo's does)." };
        var plotColumns = new Option<string?>("--plot-columns") { Description = "The two columns to draw, \"x,y\". Default: the first two job columns the rows have." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for the pictures (created if needed; existing plots are replaced). Default: the result's folder." };
        var command = new Command("plot", "Draw a result: clusters.png/.svg (rows coloured by cluster, centroids marked) and, for elbow, elbow.png/.svg with the knee marked. "
            + "Exit codes: 0 ok, 2 usage or data error, 1 runtime failure.")
        {
            resultFile, data, labelsOf, plotColumns, output,
        };
        command.SetAction((result, _) => CliErrors.RunAsync(() =>
        {
            FileInfo file = result.GetValue(resultFile)!;
            if (!file.Exists)
            {
                throw new UsageException($"result: no file {file.FullName}");
            }
            string json = File.ReadAllText(file.FullName);
            ResultSummary summary = ResultSummary.Parse(json);
            FileInfo? csv = result.GetValue(data);
            var labels = csv is null ? null : ResultPlots.Labels(json, result.GetValue(labelsOf));
            PlotRows rows = csv is null ? PlotRows.None : PlotRows.Load(csv.FullName, summary.Columns, labels?.Labels);
            string folder = (result.GetValue(output) ?? file.Directory!).FullName;
            Directory.CreateDirectory(folder);
            IReadOnlyList<string> written = ResultPlots.Write(folder, summary, rows, result.GetValue(plotColumns), $"party {labels?.Party ?? "?"}'s own rows");
            Console.WriteLine(written.Count == 0 ? "nothing to draw (no centroids, no elbow)" : $"wrote {string.Join(", ", written)} to {folder}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
