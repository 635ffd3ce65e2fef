using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrivClust.Net.Hosting;
using PrivClust.Net.Security;
using PrivClust.Net.Wire;

namespace PrivClust.Cli.Bench;

/// <summary>
/// <c>privclust bench echo-server</c>: hosts <see cref="EchoService"/> with party b's certificate, accepting only
/// party a's, on the same Kestrel endpoint set-up as the daemons (HTTP/2, mutual TLS, the wire's message limits),
/// so that the probe sees the link the parties' peer stream uses.
/// </summary>
public static class EchoServer
{
    public static WebApplication Build(string url, string certificates)
    {
        WebApplicationBuilder builder = PrivClust.Net.Hosting.DaemonBuilder.Create([]);
        builder.Logging.ClearProviders();
        TransportCredentials credentials = TransportCredentials.Load(DevCertificates.Transport(certificates, "party-b"));
        builder.Services.AddSingleton(new TransportMode(false));
        builder.Services.AddSingleton(new ServerTls(credentials, [IdentityPin.Parse("party-a")]));
        builder.UseGrpcEndpoint(url);
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = WireLimits.MaxMessageBytes;
            options.MaxSendMessageSize = WireLimits.MaxMessageBytes;
        });
        WebApplication app = builder.Build();
        app.MapGrpcService<EchoService>();
        return app;
    }
}
