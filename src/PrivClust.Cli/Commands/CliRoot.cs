using System.CommandLine;

namespace PrivClust.Cli.Commands;

/// <summary>The <c>privclust</c> command and its subcommands (Program.cs parses and runs it; tests read its options).</summary>
public static class CliRoot
{
    public static RootCommand Create() => new("PrivClust: two-party privacy-preserving clustering (k-means, mean-shift) with a trusted dealer. "
        + "Daemons: dealer, party. Clients of your own party daemon (mutual TLS, --certs): kmeans, meanshift, elbow, jobs, watch, cancel. "
        + "Local: demo (everything in one process), bench (docs/benchmarks.md), plot, certs init; health (probe a daemon's /readyz). Docs: docs/quickstart.md, docs/configuration.md, docs/operations.md.")
    {
        DealerCommand.Create(),
        PartyCommand.Create(),
        SubmitCommands.KMeans(),
        SubmitCommands.MeanShift(),
        SubmitCommands.Elbow(),
        ControlCommands.Jobs(),
        ControlCommands.Watch(),
        ControlCommands.Cancel(),
        PlotCommand.Create(),
        CertsCommand.Create(),
        DemoCommand.Create(),
        BenchCommand.Create(),
        HealthCommand.Create(),
    };
}
