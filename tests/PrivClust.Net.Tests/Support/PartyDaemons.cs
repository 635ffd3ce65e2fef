using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrivClust.Net.Dealer;
using PrivClust.Net.Hosting;
using PrivClust.Net.Party;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Support;

/// <summary>A dealer and the two party daemons, each a separate host on loopback, in this process; a temp folder with their data and results.</summary>
internal sealed class PartyDaemons : IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];
    private readonly List<Grpc.Net.Client.GrpcChannel> _channels = [];

    public string Folder { get; } = Directory.CreateTempSubdirectory("privclust-net-").FullName;
    public string[] GrpcUrls { get; private init; } = [];
    public string[] HttpUrls { get; } = [FreeUrl("http"), FreeUrl("http")];
    public bool InsecureDev { get; private init; }
    public WebApplication[] Parties { get; } = new WebApplication[2];

    private readonly Dictionary<string, string?>[] _configs = new Dictionary<string, string?>[2];

    /// <param name="insecureDev">Plaintext (only for tests about --insecure-dev); otherwise mutual TLS with <see cref="TestCertificates"/>.</param>
    public static async Task<PartyDaemons> StartAsync(string csvA, string csvB, Action<Dictionary<string, string?>, int>? settings = null, IJobEngine? engine = null,
        bool insecureDev = false, Action<WebApplicationBuilder>? configure = null)
    {
        // A port found free can be taken by another test before the daemon binds it: try again on fresh ports.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await TryStartAsync(csvA, csvB, settings, engine, insecureDev, configure);
            }
            catch (IOException e) when (attempt < 4 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await Task.Delay(50 * attempt);
            }
        }
    }

    private static async Task<PartyDaemons> TryStartAsync(string csvA, string csvB, Action<Dictionary<string, string?>, int>? settings, IJobEngine? engine,
        bool insecureDev, Action<WebApplicationBuilder>? configure)
    {
        string scheme = insecureDev ? "http" : "https";
        var daemons = new PartyDaemons { InsecureDev = insecureDev, GrpcUrls = [FreeUrl(scheme), FreeUrl(scheme)] };
        daemons._configure = configure;
        try
        {
            WebApplication dealer = daemons.BuildDealer(scheme + "://127.0.0.1:0");
            await daemons.StartAppAsync(dealer);
            daemons.Dealer = dealer;
            daemons.DealerUrl = dealer.BoundAddress();
            string[] csv = [csvA, csvB];
            for (int party = 0; party < 2; party++)
            {
                Dictionary<string, string?> config = daemons.Config(party, daemons.DealerUrl, csv[party]);
                settings?.Invoke(config, party);
                daemons._configs[party] = config;
                daemons.Parties[party] = Build(config, engine, configure);
                await daemons.StartAppAsync(daemons.Parties[party]);
            }
            return daemons;
        }
        catch
        {
            try
            {
                await daemons.DisposeAsync();
            }
            catch (Exception)
            {
                // A host that never started may not stop cleanly; the start failure is what matters.
            }
            throw;
        }
    }

    public WebApplication Dealer { get; private set; } = null!;

    public string DealerUrl { get; private set; } = "";

    private Action<WebApplicationBuilder>? _configure;

    /// <summary>Stops a daemon abruptly (its connections break, as when it is killed).</summary>
    public static async Task KillAsync(WebApplication app)
    {
        using var none = new CancellationTokenSource(TimeSpan.Zero);
        try
        {
            await app.StopAsync(none.Token);
        }
        catch (OperationCanceledException)
        {
            // Not waiting for anything: that is the point.
        }
    }

    /// <summary>
    /// Kills party <paramref name="party"/> as a process kill would: its host stops at once and is disposed, so its
    /// outgoing connections (to the peer and the dealer) break too, not only those it accepted.
    /// </summary>
    public async Task KillPartyAsync(int party)
    {
        WebApplication app = Parties[party];
        await KillAsync(app);
        _apps.Remove(app);
        await app.DisposeAsync();
    }

    /// <summary>Starts party <paramref name="party"/> again with the same configuration (after <see cref="KillAsync"/>), with the production engine.</summary>
    public async Task RestartPartyAsync(int party)
    {
        Parties[party] = Build(_configs[party], null, _configure);
        await StartAppAsync(Parties[party]);
    }

    /// <summary>Starts a new dealer on the same address as the first one.</summary>
    public async Task RestartDealerAsync()
    {
        Dealer = BuildDealer(DealerUrl);
        await StartAppAsync(Dealer);
    }

    private WebApplication BuildDealer(string url) =>
        DealerHost.Build(url, configure: b =>
        {
            b.Logging.ClearProviders();
            b.Configuration.AddInMemoryCollection(InsecureDev ? [new("Dealer:Transport:InsecureDev", "true")] : TestCertificates.Settings("Dealer", "dealer"));
            _configure?.Invoke(b);
        });

    public static WebApplication Build(Dictionary<string, string?> config, IJobEngine? engine, Action<WebApplicationBuilder>? configure = null) =>
        PartyHost.Build(null, [], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(config);
            configure?.Invoke(builder);
            if (engine is not null)
            {
                builder.Services.AddSingleton(engine);
            }
        });

    /// <summary>A control client of <paramref name="party"/> with the operator's certificate.</summary>
    public Control.ControlClient ControlOf(int party) => ControlAs(party, "operator");

    /// <summary>A control client of <paramref name="party"/> presenting <paramref name="role"/>'s certificate (of the foreign CA if asked).</summary>
    public Control.ControlClient ControlAs(int party, string role, bool foreign = false) => new(Channel(GrpcUrls[party], role, foreign));

    /// <summary>A channel to <paramref name="url"/> presenting <paramref name="role"/>'s certificate; closed with the daemons.</summary>
    public Grpc.Net.Client.GrpcChannel Channel(string url, string role, bool foreign = false)
    {
        var channel = InsecureDev
            ? GrpcChannels.Create(url, new TransportOptions { InsecureDev = true })
            : GrpcChannels.Create(url, new TransportOptions(), TestCertificates.Client(role, foreign));
        lock (_channels)
        {
            _channels.Add(channel);
        }
        return channel;
    }

    public string Results(int party) => Path.Combine(Folder, "results-" + "ab"[party]);

    /// <summary>Waits for a job to reach a final state at a party.</summary>
    public async Task<JobStatus> WaitAsync(int party, string jobId, TimeSpan within)
    {
        Control.ControlClient control = ControlOf(party);
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            try
            {
                JobStatus status = await control.GetAsync(new GetJobRequest { JobId = jobId }, cancellationToken: timeout.Token);
                if (JobRecord.IsFinal(status.State))
                {
                    return status;
                }
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
            {
                // The peer has not heard of the job yet.
            }
            await Task.Delay(20, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channels.ForEach(c => c.Dispose());
        foreach (WebApplication app in _apps)
        {
            await LoopbackNetwork.StopAsync(app);
            await app.DisposeAsync();
        }
        Directory.Delete(Folder, recursive: true);
    }

    private Dictionary<string, string?> Config(int party, string dealerUrl, string csv)
    {
        string data = Path.Combine(Folder, $"data-{"ab"[party]}.csv");
        File.WriteAllText(data, csv);
        var config = new Dictionary<string, string?>
        {
            ["Party:Name"] = "ab"[party].ToString(),
            ["Party:ListenUrl"] = GrpcUrls[party],
            ["Party:HttpUrl"] = HttpUrls[party],
            ["Party:PeerUrl"] = GrpcUrls[1 - party],
            ["Party:DealerUrl"] = dealerUrl,
            ["Party:DataPath"] = data,
            ["Party:ResultsFolder"] = Results(party),
            ["Party:Policy:AllowedColumns:0"] = "x",
            ["Party:Policy:AllowedColumns:1"] = "y",
            ["Party:Transport:ReceiveTimeout"] = "00:00:05",
            ["Party:ConnectTimeout"] = "00:00:05",
        };
        if (InsecureDev)
        {
            config["Party:Transport:InsecureDev"] = "true";
        }
        else
        {
            foreach ((string key, string? value) in TestCertificates.Settings("Party", "party-" + "ab"[party]))
            {
                config[key] = value;
            }
        }
        return config;
    }

    private async Task StartAppAsync(WebApplication app)
    {
        _apps.Add(app);
        await app.StartAsync();
    }

    private static string FreeUrl(string scheme)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"{scheme}://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
