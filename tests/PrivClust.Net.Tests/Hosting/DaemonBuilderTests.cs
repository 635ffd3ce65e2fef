using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using PrivClust.Net.Hosting;

namespace PrivClust.Net.Tests.Hosting;

public class DaemonBuilderTests
{
    [Fact]
    public void A_daemon_reads_its_configuration_files_once_and_keeps_its_command_line()
    {
        var builder = DaemonBuilder.Create(["--Dealer:PartyA=alice"]);
        JsonConfigurationSource[] files = [.. ((IConfigurationBuilder)builder.Configuration).Sources.OfType<JsonConfigurationSource>()];
        Assert.NotEmpty(files);   // appsettings.json and appsettings.{environment}.json in the working directory, optional
        Assert.All(files, file => Assert.False(file.ReloadOnChange, $"{file.Path} is watched"));
        Assert.Equal("alice", builder.Configuration["Dealer:PartyA"]);
    }
}
