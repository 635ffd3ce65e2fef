using System.CommandLine;
using Grpc.Net.Client;
using JobSpec = PrivClust.Core.Clustering.JobSpec;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Cli.Commands;

/// <summary>
/// <c>privclust kmeans | meanshift | elbow</c>: submit a job to this organisation's party daemon, which proposes it to
/// the peer; show live progress; print the result; with --out, save result.json, this party's labels.csv and the plots.
/// </summary>
public static class SubmitCommands
{
    public static Command KMeans() => Create("kmeans", JobCommandKind.KMeans,
        "Secure k-means (Lloyd) on the union of both parties' rows: prints the centroids; each party learns only its own rows' labels.");

    public static Command MeanShift() => Create("meanshift", JobCommandKind.MeanShift,
        "Secure flat-kernel mean-shift from --dust N coin-flipped rows or --seeds PATH, merged like scikit-learn.");

    public static Command Elbow() => Create("elbow", JobCommandKind.Elbow,
        "Secure k-means for k = --k-min..--k: prints the loss per k with the knee marked, and the clustering at the knee.");

    private static Command Create(string name, JobCommandKind kind, string description)
    {
        var options = new JobOptions(kind);
        var command = new Command(name, description + " Exit codes: 0 ok, 2 usage or data error, 1 runtime failure.");
        options.AddTo(command);
        OutputOptions.AddTo(command);
        command.Options.Add(ControlCommands.Party);
        ControlChannel.AddTo(command);
        command.SetAction((result, cancellation) => CliErrors.RunAsync(() => RunAsync(result, options, cancellation)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, JobOptions options, CancellationToken cancellation)
    {
        JobSpec spec = JobSpecBuilder.Build(result, options);
        DirectoryInfo? output = result.GetValue(options.Out);
        OutputFolder.CheckUsable(output);
        FileInfo? data = result.GetValue(options.Data);
        if (data is { Exists: false })
        {
            throw new UsageException($"--data: no file {data.FullName}");
        }
        using ControlConnection connection = ControlChannel.Open(result, result.GetValue(ControlCommands.Party)!);
        JobResultFiles files = await new JobClient(connection.Channel).RunAsync(spec, OutputOptions.Progress(result), cancellation);
        ResultSummary summary = ResultSummary.Parse(files.ResultJson);
        if (result.GetValue(OutputOptions.Json))
        {
            Console.Out.WriteLine(files.ResultJson);
        }
        else
        {
            ResultTable.Print(Console.Out, summary);
        }
        if (output is not null)
        {
            var labels = ResultPlots.Labels(files.ResultJson, null);
            PlotRows rows = data is null ? PlotRows.None : PlotRows.Load(data.FullName, summary.Columns, labels?.Labels);
            string whose = $"party {labels?.Party ?? "?"}'s own rows";
            OutputFolder.Write(output, new Dictionary<string, string> { ["result.json"] = files.ResultJson, ["labels.csv"] = files.LabelsCsv },
                OutputOptions.Messages(result), folder => ResultPlots.Write(folder, summary, rows, result.GetValue(options.PlotColumns), whose));
        }
        return ExitCodes.Success;
    }
}
