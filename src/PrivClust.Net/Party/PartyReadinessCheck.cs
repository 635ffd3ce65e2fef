using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PrivClust.Net.Party;

/// <summary>Ready: the data is loaded, and the peer's and the dealer's grpc.health.v1 answer SERVING.</summary>
public sealed class PartyReadinessCheck(PartyData data, PartyConnections connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!data.IsLoaded)
        {
            return HealthCheckResult.Unhealthy("the data is not loaded");
        }
        string? peer = await ProblemAsync("peer", connections.PeerHealth, cancellationToken);
        string? dealer = await ProblemAsync("dealer", connections.DealerHealth, cancellationToken);
        return peer is null && dealer is null
            ? HealthCheckResult.Healthy("data loaded; peer and dealer reachable")
            : HealthCheckResult.Unhealthy(string.Join("; ", new[] { peer, dealer }.Where(p => p is not null)));
    }

    private static async Task<string?> ProblemAsync(string who, Health.HealthClient health, CancellationToken cancellation)
    {
        try
        {
            HealthCheckResponse reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellation);
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving ? null : $"{who} is {reply.Status}";
        }
        catch (RpcException e)
        {
            return $"{who} unreachable ({e.StatusCode})";
        }
    }
}
