using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PrivClust.Net.Dealer;
using PrivClust.Net.Metrics;
using PrivClust.Net.Security;
using PrivClust.Net.Wire;

namespace PrivClust.Net.Hosting;

/// <summary>Composes the dealer daemon: the Dealer gRPC service, its session store and janitor, health endpoints.</summary>
public static class DealerHost
{
    /// <param name="httpUrl">Optional HTTP/1.1 endpoint for /healthz, /readyz and /metrics.</param>
    /// <param name="configure">Runs before the defaults are added, so it can replace any of them (tests: the seed source, logging).</param>
    public static WebApplication Build(string url, string? httpUrl = null, string[]? args = null, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = DaemonBuilder.Create(args ?? []);
        builder.Configuration.AddEnvironmentVariables("PRIVCLUST_"); // PRIVCLUST_Dealer__Key, like the parties
        builder.Configuration.AddCommandLine(args ?? []);            // the command line still wins
        builder.UsePrivClustLogging();
        configure?.Invoke(builder);
        builder.UseGrpcEndpoint(url, httpUrl);
        IServiceCollection services = builder.Services;
        services.AddOptions<DealerOptions>().Bind(builder.Configuration.GetSection(DealerOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DealerOptions>, DealerOptionsValidator>();
        services.AddSingleton<DealerTransport>();
        services.AddTransportSecurity("dealer", p => p.GetRequiredService<DealerTransport>().Server, p => p.GetRequiredService<DealerTransport>().Authorization,
            p => p.GetRequiredService<IOptions<DealerOptions>>().Value.Transport.InsecureDev);
        services.TryAddSingleton<ICallerIdentity>(p => p.GetRequiredService<IOptions<DealerOptions>>().Value.Transport.InsecureDev
            ? new ConnectionCallerIdentity() : new CertificateCallerIdentity());
        services.TryAddSingleton<IDealerSeedSource, RandomDealerSeedSource>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IdleHeapCollector>();
        services.AddSingleton<DealerSessionStore>();
        services.AddSingleton<DealerMetrics>();
        services.AddHostedService<DealerSessionJanitor>();
        services.AddPrivClustGrpc();
        services.AddPrivClustHealthChecks().AddCheck("dealer", () => HealthCheckResult.Healthy(), [GrpcHosting.LiveTag, GrpcHosting.ReadyTag]);

        WebApplication app = builder.Build();
        app.MapGrpcService<DealerService>();
        app.MapHealthEndpoints();
        app.MapGet("/metrics", (DealerMetrics metrics) => Results.Text(metrics.Render(), PrometheusText.ContentType));
        return app;
    }
}
