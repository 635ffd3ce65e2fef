using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PrivClust.Net.Security;

/// <summary>Registers a daemon's transport security: the TLS endpoint settings, the per-service authorisation and the insecure-dev warning.</summary>
public static class TransportSecurityServices
{
    /// <param name="server">The daemon's TLS endpoint settings (null with insecure-dev).</param>
    /// <param name="authorization">Who may call which service.</param>
    /// <param name="insecure">Whether the daemon runs with insecure-dev.</param>
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, string daemon,
        Func<IServiceProvider, ServerTls?> server, Func<IServiceProvider, CallerAuthorization> authorization, Func<IServiceProvider, bool> insecure)
    {
        services.AddSingleton(provider => server(provider) ?? throw new InvalidOperationException($"The {daemon} has no TLS settings (insecure-dev) but was asked for an https:// endpoint."));
        services.AddSingleton(authorization);
        services.AddSingleton(provider => new TransportMode(insecure(provider)));
        services.AddHostedService(provider => new InsecureTransportWarning(provider.GetRequiredService<TransportMode>().InsecureDev, daemon, provider.GetRequiredService<ILogger<InsecureTransportWarning>>()));
        return services;
    }
}
