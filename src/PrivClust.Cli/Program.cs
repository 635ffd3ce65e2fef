using System.CommandLine;
using PrivClust.Cli.Commands;

var root = new RootCommand("PrivClust: two-party privacy-preserving clustering (k-means, mean-shift) with a trusted dealer.")
{
    DealerCommand.Create(),
    PartyCommand.Create(),
    ControlCommands.Jobs(),
    ControlCommands.Watch(),
    ControlCommands.Cancel(),
    CertsCommand.Create(),
    HealthCommand.Create(),
    SubmitCommand.Create(), // compose demo's client until `privclust kmeans` lands (docs/deployment.md)
};
return await root.Parse(args).InvokeAsync();
