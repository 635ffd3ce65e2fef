using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PrivClust.Net.Hosting;

/// <summary>
/// The daemons' console logs: one JSON object per line in containers (<c>DOTNET_RUNNING_IN_CONTAINER=true</c>) or
/// when <c>Logging:Console:FormatterName</c> is <c>json</c>; otherwise one human-readable line per event with a
/// UTC timestamp. Log messages name jobs, sessions, counts and reasons, never a data value, share or seed.
/// </summary>
public static class LoggingSetup
{
    public const string FormatterKey = "Logging:Console:FormatterName";

    public static void UsePrivClustLogging(this WebApplicationBuilder builder)
    {
        string formatter = Formatter(builder.Configuration, Environment.GetEnvironmentVariable("DOTNET_RUNNING_IN_CONTAINER"));
        builder.Configuration[FormatterKey] = formatter;
        if (formatter == ConsoleFormatterNames.Json)
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else if (formatter == ConsoleFormatterNames.Simple)
        {
            builder.Logging.AddSimpleConsole(simple =>
            {
                simple.SingleLine = true;
                simple.UseUtcTimestamp = true;
                simple.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            });
        }
    }

    /// <summary>The configured formatter if any; else json in a container, simple elsewhere.</summary>
    public static string Formatter(IConfiguration configuration, string? runningInContainer) =>
        configuration[FormatterKey] is { Length: > 0 } configured ? configured
        : string.Equals(runningInContainer, "true", StringComparison.OrdinalIgnoreCase) ? ConsoleFormatterNames.Json
        : ConsoleFormatterNames.Simple;
}
