using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrivClust.Net.Party;

/// <summary>The party's data, loaded and checked when the daemon starts; a bad file stops the start with a clear error.</summary>
public sealed partial class PartyData(IOptions<PartyOptions> options, ILogger<PartyData> logger) : IHostedService
{
    private PartyTable? _table;

    public bool IsLoaded => _table is not null;

    public PartyTable Table => _table ?? throw new InvalidOperationException("The party's data is not loaded yet.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _table = PartyTableLoader.Load(options.Value.DataPath);
        LogLoaded(logger, _table.Path, _table.RowCount, _table.Header.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Path}: {Rows} rows, {Columns} columns.")]
    private static partial void LogLoaded(ILogger logger, string path, int rows, int columns);
}
