using System.CommandLine;
using PrivClust.Cli.Commands;

var root = new RootCommand("PrivClust: two-party privacy-preserving clustering (k-means, mean-shift) with a trusted dealer.")
{
    DealerCommand.Create(),
    PartyCommand.Create(),
    SubmitCommands.KMeans(),
    SubmitCommands.MeanShift(),
    SubmitCommands.Elbow(),
    ControlCommands.Jobs(),
    ControlCommands.Watch(),
    ControlCommands.Cancel(),
    CertsCommand.Create(),
    DemoCommand.Create(),
    HealthCommand.Create(),
};
return await CliParser.InvokeAsync(root, args);
