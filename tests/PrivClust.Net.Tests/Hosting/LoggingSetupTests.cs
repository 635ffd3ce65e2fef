using Microsoft.Extensions.Configuration;
using PrivClust.Net.Hosting;

namespace PrivClust.Net.Tests.Hosting;

/// <summary>JSON console logs in containers, text in a terminal, and the configured formatter always wins.</summary>
public class LoggingSetupTests
{
    [Theory]
    [InlineData(null, null, "simple")]
    [InlineData(null, "true", "json")]
    [InlineData("json", null, "json")]
    [InlineData("simple", "true", "simple")]
    public void The_formatter_follows_configuration_then_the_container_flag(string? configured, string? container, string expected)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(LoggingSetup.FormatterKey, configured)])
            .Build();

        Assert.Equal(expected, LoggingSetup.Formatter(configuration, container));
    }
}
