using System.CommandLine;
using PrivClust.Cli.Demo;
using PrivClust.Protos.V1;
using JobSpec = PrivClust.Core.Clustering.JobSpec;

namespace PrivClust.Cli.Commands;

/// <summary>
/// <c>privclust demo</c>: the dealer and both parties in this process over real gRPC on loopback; one job submitted
/// to party a; the secure centroids printed beside the plaintext twin's; with --out, result.json (both parties'
/// labels), labels-a.csv, labels-b.csv and clusters.png/.svg.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var options = new JobOptions(JobCommandKind.Demo);
        var command = new Command("demo",
            "Run a whole secure job in this process (dealer, party a, party b over gRPC on loopback) and compare it with the plaintext twin. "
            + "With no options: the bundled Mall Customers data split between a and b, k-means with k = 5, init farthest, seed 1. "
            + "Exit codes: 0 ok, 2 usage or data error, 1 runtime failure.");
        options.AddTo(command);
        OutputOptions.AddTo(command);
        command.SetAction((result, cancellation) => CliErrors.RunAsync(() => RunAsync(result, options, cancellation)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, JobOptions options, CancellationToken cancellation)
    {
        JobSpec spec = JobSpecBuilder.Build(result, options);
        (string dataA, string dataB) = DemoData.Resolve(result.GetValue(options.DataA), result.GetValue(options.DataB));
        DirectoryInfo? output = result.GetValue(options.Out);
        OutputFolder.CheckUsable(output);
        TwinResult twin = PlaintextTwin.Run(spec, dataA, dataB);
        bool json = result.GetValue(OutputOptions.Json);
        TextWriter messages = OutputOptions.Messages(result);
        messages.WriteLine($"party a: {dataA}\nparty b: {dataB}\ndealer, a and b run in this process and talk gRPC on loopback.");

        await using EmbeddedParties parties = await EmbeddedParties.StartAsync(spec, dataA, dataB, cancellation);
        var a = new JobClient(parties.Channel(0));
        var b = new JobClient(parties.Channel(1));
        string jobId = await a.SubmitAsync(spec, cancellation);
        IProgressView progress = OutputOptions.Progress(result);
        progress.Submitted(jobId);
        JobResultFiles filesA = await a.ResultAsync(await a.WaitAsync(jobId, progress, cancellation), cancellation);
        JobResultFiles filesB = await b.ResultAsync(await b.WaitAsync(jobId, QuietProgressView.Instance, cancellation), cancellation);

        string merged = DemoResult.Merge(filesA.ResultJson, filesB.ResultJson);
        ResultSummary summary = ResultSummary.Parse(merged);
        if (json)
        {
            Console.Out.WriteLine(merged);
        }
        else
        {
            ResultTable.Print(Console.Out, summary, twin.Centroids);
        }
        PrintComparison(messages, summary.Centroids, DemoResult.JointLabels(merged), twin, spec.FractionalBits);
        if (output is not null)
        {
            OutputFolder.Write(output, new Dictionary<string, string>
            {
                ["result.json"] = merged, ["labels-a.csv"] = filesA.LabelsCsv, ["labels-b.csv"] = filesB.LabelsCsv,
            }, messages, folder => ResultPlots.Write(folder, summary, DemoRows(spec, summary, merged, dataA, dataB), result.GetValue(options.PlotColumns), Whose(spec)));
        }
        return ExitCodes.Success;
    }

    /// <summary>Horizontal: a's rows then b's (the demo holds both files); vertical: a's rows on a's columns.</summary>
    private static PlotRows DemoRows(JobSpec spec, ResultSummary summary, string merged, string dataA, string dataB)
    {
        PlotRows a = PlotRows.Load(dataA, summary.Columns, ResultPlots.Labels(merged, "a")?.Labels);
        return spec.Partition == Core.Clustering.Partition.Horizontal ? a.Concat(PlotRows.Load(dataB, summary.Columns, ResultPlots.Labels(merged, "b")?.Labels)) : a;
    }

    private static string Whose(JobSpec spec) =>
        spec.Partition == Core.Clustering.Partition.Horizontal ? "rows of parties a and b" : "party a's rows";

    private static void PrintComparison(TextWriter output, double[][] secure, int[] labels, TwinResult twin, int fractionalBits)
    {
        if (twin.Centroids is null || twin.Labels is null)
        {
            output.WriteLine($"plaintext twin: not shown ({twin.Unavailable}).");
            return;
        }
        if (twin.Centroids.Length != secure.Length)
        {
            output.WriteLine($"plaintext twin: {twin.Centroids.Length} centroids, the secure run {secure.Length}.");
            return;
        }
        double difference = secure.Zip(twin.Centroids, (s, t) => s.Zip(t, (x, y) => Math.Abs(x - y)).Max()).Max();
        int same = labels.Zip(twin.Labels, (x, y) => x == y ? 1 : 0).Sum();
        output.WriteLine($"plaintext twin: max |secure - plaintext| = {difference:0.####e+0} (fixed-point step {Math.ScaleB(1, -fractionalBits):0.####e+0}); "
            + $"labels equal for {same} of {labels.Length} rows.");
    }
}
