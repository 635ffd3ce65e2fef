using PrivClust.Cli.Commands;

return await CliParser.InvokeAsync(CliRoot.Create(), args);
