using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PrivClust.Net.Security;
using PrivClust.Net.Wire;

namespace PrivClust.Net.Hosting;

/// <summary>What every PrivClust daemon shares: a Kestrel endpoint speaking HTTP/2, gRPC with the wire's message limits, health endpoints.</summary>
public static class GrpcHosting
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    /// <summary>
    /// Listens for gRPC on <paramref name="grpcUrl"/> (HTTP/2; in plaintext with prior knowledge, h2c) and,
    /// when given, for HTTP/1.1 on <paramref name="httpUrl"/> (health and metrics for plain HTTP clients such as
    /// Prometheus). Port 0 asks for an ephemeral port (see <see cref="BoundAddress"/>).
    /// </summary>
    public static void UseGrpcEndpoint(this WebApplicationBuilder builder, string grpcUrl, string? httpUrl = null)
    {
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Limits.Http2.InitialStreamWindowSize = WireLimits.StreamWindowBytes;
            kestrel.Limits.Http2.InitialConnectionWindowSize = 2 * WireLimits.StreamWindowBytes;
            Listen(kestrel, grpcUrl, HttpProtocols.Http2);
            if (!string.IsNullOrWhiteSpace(httpUrl))
            {
                Listen(kestrel, httpUrl, HttpProtocols.Http1);
            }
        });
    }

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        // Kestrel's wildcard hosts are not URI hosts: read them as "any address".
        var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        if (protocols == HttpProtocols.Http2)
        {
            kestrel.ApplicationServices.GetRequiredService<TransportMode>().CheckGrpcScheme(url, uri.Scheme);
        }
        Action<ListenOptions> configure = uri.Scheme switch
        {
            "http" => listen => listen.Protocols = protocols,
            "https" => listen =>
            {
                listen.Protocols = protocols;
                listen.UseHttps(kestrel.ApplicationServices.GetRequiredService<ServerTls>().HttpsOptions());
            },
            _ => throw new NotSupportedException($"Endpoint {url}: use https:// (mutual TLS) or, with insecure-dev, http://."),
        };
        if (uri.Host is "localhost")
        {
            kestrel.ListenLocalhost(uri.Port, configure);
        }
        else if (uri.Host is "0.0.0.0" or "[::]")
        {
            kestrel.ListenAnyIP(uri.Port, configure);
        }
        else
        {
            kestrel.Listen(System.Net.IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port, configure);
        }
    }

    public static IGrpcServerBuilder AddPrivClustGrpc(this IServiceCollection services) =>
        services.AddGrpc(options =>
        {
            options.Interceptors.Add<CallerAuthorizationInterceptor>();
            options.MaxReceiveMessageSize = WireLimits.MaxMessageBytes;
            options.MaxSendMessageSize = WireLimits.MaxMessageBytes;
        });

    /// <summary>
    /// Health checks served over grpc.health.v1: service "" answers liveness only (a party's readiness asks its
    /// peer's "", so readiness there would recurse between the parties); "privclust.ready" answers readiness.
    /// </summary>
    public static IHealthChecksBuilder AddPrivClustHealthChecks(this IServiceCollection services) =>
        services.AddGrpcHealthChecks(options =>
        {
            options.Services.Map("", result => result.Tags.Contains(LiveTag));
            options.Services.Map("privclust.ready", result => result.Tags.Contains(ReadyTag));
        });

    /// <summary>HTTP <c>/healthz</c> (checks tagged live) and <c>/readyz</c> (checks tagged ready), and grpc.health.v1.</summary>
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapGrpcHealthChecksService();
    }

    /// <summary>The address the started app listens on (with the real port when 0 was asked).</summary>
    public static string BoundAddress(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
}
