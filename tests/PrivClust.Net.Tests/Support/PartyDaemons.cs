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
    public string[] GrpcUrls { get; } = [FreeUrl(), FreeUrl()];
    public string[] HttpUrls { get; } = [FreeUrl(), FreeUrl()];
    public WebApplication[] Parties { get; } = new WebApplication[2];

    public static async Task<PartyDaemons> StartAsync(string csvA, string csvB, Action<Dictionary<string, string?>, int>? settings = null, IJobEngine? engine = null)
    {
        var daemons = new PartyDaemons();
        WebApplication dealer = DealerHost.Build("http://127.0.0.1:0", configure: b => b.Logging.ClearProviders());
        await daemons.StartAppAsync(dealer);
        string[] csv = [csvA, csvB];
        for (int party = 0; party < 2; party++)
        {
            Dictionary<string, string?> config = daemons.Config(party, dealer.BoundAddress(), csv[party]);
            settings?.Invoke(config, party);
            daemons.Parties[party] = Build(config, engine);
            await daemons.StartAppAsync(daemons.Parties[party]);
        }
        return daemons;
    }

    public static WebApplication Build(Dictionary<string, string?> config, IJobEngine? engine) =>
        PartyHost.Build(null, [], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(config);
            if (engine is not null)
            {
                builder.Services.AddSingleton(engine);
            }
        });

    public Control.ControlClient ControlOf(int party)
    {
        var channel = GrpcChannels.Create(GrpcUrls[party], new TransportOptions());
        _channels.Add(channel);
        return new Control.ControlClient(channel);
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
        return new Dictionary<string, string?>
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
    }

    private async Task StartAppAsync(WebApplication app)
    {
        _apps.Add(app);
        await app.StartAsync();
    }

    private static string FreeUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
