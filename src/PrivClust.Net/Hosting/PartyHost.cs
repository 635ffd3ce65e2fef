using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PrivClust.Net.Metrics;
using PrivClust.Net.Party;
using PrivClust.Net.Peer;
using PrivClust.Net.Security;

namespace PrivClust.Net.Hosting;

/// <summary>
/// Composes a party daemon: options (JSON file, then PRIVCLUST_ environment variables, then the command
/// line) validated at start, the data loaded at start, the Peer and Control services, the job manager,
/// health (/healthz, /readyz, grpc.health.v1) and /metrics.
/// </summary>
public static class PartyHost
{
    /// <param name="configure">Runs before the defaults are added, so it can replace any of them (the engine, logging).</param>
    public static WebApplication Build(string? configFile, string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = DaemonBuilder.Create(args);
        if (configFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }
        builder.Configuration.AddEnvironmentVariables("PRIVCLUST_");
        builder.Configuration.AddCommandLine(args);
        builder.UsePrivClustLogging();
        configure?.Invoke(builder);
        IConfigurationSection section = builder.Configuration.GetSection(PartyOptions.Section);
        builder.UseGrpcEndpoint(section[nameof(PartyOptions.ListenUrl)] ?? "", section[nameof(PartyOptions.HttpUrl)]);
        AddPartyServices(builder.Services, section);

        WebApplication app = builder.Build();
        app.MapGrpcService<PeerService>();
        app.MapGrpcService<ControlService>();
        app.MapGrpcService<ControlResultsService>();
        app.MapHealthEndpoints();
        app.MapGet("/metrics", (PartyMetrics metrics) => Results.Text(metrics.Render(), PrometheusText.ContentType));
        return app;
    }

    private static void AddPartyServices(IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<PartyOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PartyOptions>, PartyOptionsValidator>();
        services.AddSingleton<PartyTransport>();
        services.AddTransportSecurity("party daemon", p => p.GetRequiredService<PartyTransport>().Server, p => p.GetRequiredService<PartyTransport>().Authorization,
            p => p.GetRequiredService<IOptions<PartyOptions>>().Value.Transport.InsecureDev);
        services.AddSingleton<PartyData>();
        services.AddHostedService(provider => provider.GetRequiredService<PartyData>());
        services.TryAddSingleton<IJobEngine, SecureClusteringEngine>();
        services.AddSingleton<PeerSessionRegistry>();
        services.AddSingleton<PartyConnections>();
        services.AddSingleton<ResultWriter>();
        services.AddSingleton<PartyMetrics>();
        services.AddSingleton<IdleHeapCollector>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobManager>();
        services.AddSingleton<IProposalHandler>(provider => provider.GetRequiredService<JobManager>());
        services.AddHostedService<JobResumer>();
        services.AddPrivClustGrpc()
            .AddServiceOptions<ControlResultsService>(options => options.MaxSendMessageSize = Wire.WireLimits.MaxResultBytes);
        services.AddPrivClustHealthChecks()
            .AddCheck("live", () => HealthCheckResult.Healthy(), [GrpcHosting.LiveTag])
            .AddCheck<PartyReadinessCheck>("ready", tags: [GrpcHosting.ReadyTag]);
    }
}
