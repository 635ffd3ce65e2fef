using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PrivClust.Core.Clustering;
using PrivClust.Net.Hosting;
using PrivClust.Net.Security;
using PrivClust.Net.Wire;

namespace PrivClust.Cli.Demo;

/// <summary>
/// The embedded demo's network: the dealer and both party daemons as three hosts in this process, talking real
/// gRPC on loopback with ephemeral ports; in-memory configuration, results under a temporary folder. Their
/// policies allow exactly the demo job's columns and reveal options.
/// </summary>
public sealed class EmbeddedParties : IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];
    private readonly List<GrpcChannel> _channels = [];
    private TransportCredentials? _operator;

    private EmbeddedParties(string folder) => Folder = folder;

    /// <summary>Where the parties write their results (deleted on dispose).</summary>
    public string Folder { get; }

    public string[] PartyUrls { get; } = new string[2];

    /// <summary>
    /// Starts the dealer and both parties; a start that failed because a chosen party port was taken meanwhile (the free
    /// port is found by binding and releasing it, and another process may take it before Kestrel binds it) is tried again
    /// from scratch, twice.
    /// </summary>
    public static async Task<EmbeddedParties> StartAsync(JobSpec spec, string dataA, string dataB, CancellationToken cancellation)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(spec, dataA, dataB, cancellation);
            }
            catch (IOException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.Ordinal))
            {
                // Ports are chosen afresh on the next attempt.
            }
        }
    }

    private static async Task<EmbeddedParties> StartOnceAsync(JobSpec spec, string dataA, string dataB, CancellationToken cancellation)
    {
        var network = new EmbeddedParties(Directory.CreateTempSubdirectory("privclust-demo-").FullName);
        try
        {
            // Mutual TLS as in production: a throw-away development CA for the three hosts and the operator.
            DevCertificates.Init(network.Certificates);
            WebApplication dealer = DealerHost.Build("https://127.0.0.1:0", configure: b =>
            {
                b.Logging.ClearProviders();
                b.Configuration.AddInMemoryCollection(network.TlsSettings("Dealer", "dealer"));
            });
            await network.StartAsync(dealer, cancellation);
            network.PartyUrls[0] = FreeLoopbackUrl();
            network.PartyUrls[1] = FreeLoopbackUrl();
            string[] data = [dataA, dataB];
            for (int party = 0; party < 2; party++)
            {
                Dictionary<string, string?> config = network.Config(party, dealer.BoundAddress(), data[party], spec);
                WebApplication app = PartyHost.Build(null, [], b =>
                {
                    b.Logging.ClearProviders();
                    b.Configuration.AddInMemoryCollection(config);
                });
                await network.StartAsync(app, cancellation);
            }
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    private string Certificates => Path.Combine(Folder, "certs");

    /// <summary>A control channel to <paramref name="party"/>, presenting the operator's certificate.</summary>
    public GrpcChannel Channel(int party)
    {
        _operator ??= TransportCredentials.Load(Tls("operator"));
        var tls = new ClientTls(_operator, [IdentityPin.Parse("party-" + "ab"[party])]);
        GrpcChannel channel = GrpcChannels.Create(PartyUrls[party], new TransportOptions(), tls, WireLimits.MaxResultBytes);
        _channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        _channels.ForEach(c => c.Dispose());
        _operator?.Dispose();
        foreach (WebApplication app in Enumerable.Reverse(_apps))
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await app.StopAsync(grace.Token);
            await app.DisposeAsync();
        }
        Directory.Delete(Folder, recursive: true);
    }

    private Dictionary<string, string?> Config(int party, string dealerUrl, string data, JobSpec spec)
    {
        string name = "ab"[party].ToString();
        var config = new Dictionary<string, string?>
        {
            ["Party:Name"] = name,
            ["Party:ListenUrl"] = PartyUrls[party],
            ["Party:PeerUrl"] = PartyUrls[1 - party],
            ["Party:DealerUrl"] = dealerUrl,
            ["Party:DataPath"] = data,
            ["Party:ResultsFolder"] = Path.Combine(Folder, "results-" + name),
        };
        foreach ((string key, string? value) in TlsSettings("Party", "party-" + name))
        {
            config[key] = value;
        }
        for (int c = 0; c < spec.Columns.Count; c++)
        {
            config[$"Party:Policy:AllowedColumns:{c}"] = spec.Columns[c];
        }
        string[] reveal = [.. new[] { (RevealPolicy.Sizes, "sizes"), (RevealPolicy.Inertia, "inertia") }.Where(r => spec.Reveal.HasFlag(r.Item1)).Select(r => r.Item2)];
        for (int r = 0; r < reveal.Length; r++)
        {
            config[$"Party:Policy:Reveal:{r}"] = reveal[r];
        }
        return config;
    }

    private TransportOptions Tls(string role) => DevCertificates.Transport(Certificates, role);

    private IEnumerable<KeyValuePair<string, string?>> TlsSettings(string section, string role)
    {
        TransportOptions tls = Tls(role);
        yield return new($"{section}:Transport:CaPath", tls.CaPath);
        yield return new($"{section}:Transport:CertificatePath", tls.CertificatePath);
        yield return new($"{section}:Transport:KeyPath", tls.KeyPath);
    }

    private async Task StartAsync(WebApplication app, CancellationToken cancellation)
    {
        _apps.Add(app);
        await app.StartAsync(cancellation);
    }

    /// <summary>A loopback port free right now (the peer URLs must be known before the parties start).</summary>
    private static string FreeLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
