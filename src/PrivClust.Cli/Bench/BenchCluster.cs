using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PrivClust.Core.Benchmarks;
using PrivClust.Net.Security;

namespace PrivClust.Cli.Bench;

/// <summary>
/// The dealer, party a and party b as three OS processes of this executable (plus the link probe's echo server
/// where b runs), with mutual TLS from certificates made in a temporary folder, the workload's split written as two
/// CSVs there. Disposing stops them and deletes the folder.
/// </summary>
public sealed class BenchCluster : IDisposable
{
    private readonly Dictionary<string, BenchChild> _children = [];
    private readonly List<DelayRelay> _relays = [];
    private readonly BenchPlacement _placement;

    private BenchCluster(BenchPlacement placement) => _placement = placement;

    public string Folder { get; } = Directory.CreateTempSubdirectory("privclust-bench-").FullName;
    public string Certificates => Path.Combine(Folder, "certs");
    public string[] ControlUrls { get; private set; } = [];
    public string EchoUrl { get; private set; } = "";

    /// <summary>
    /// Starts the processes; a start that failed because a chosen port was taken meanwhile (the free port is found by
    /// binding and releasing it, and another process may take it before the daemon binds it) is tried again, twice.
    /// </summary>
    public static async Task<BenchCluster> StartAsync(Workload workload, BenchPlacement placement, TimeSpan within)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(workload, placement, within);
            }
            catch (IOException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.Ordinal))
            {
                // Ports are chosen afresh on the next attempt.
            }
        }
    }

    private static async Task<BenchCluster> StartOnceAsync(Workload workload, BenchPlacement placement, TimeSpan within)
    {
        var cluster = new BenchCluster(placement);
        try
        {
            DevCertificates.Init(cluster.Certificates);
            (string csvA, string csvB) = WorkloadFiles.Write(workload, cluster.Folder);
            string dealerUrl = Url("https", placement.Dealer), dealerHttp = Url("http", placement.Dealer);
            string[] grpc = [Url("https", placement.A), Url("https", placement.B)], http = [Url("http", placement.A), Url("http", placement.B)];
            cluster.Start("dealer", ["dealer", "--url", dealerUrl, "--http-url", dealerHttp, "--certs", cluster.Certificates]);
            string echo = Url("https", placement.B);
            cluster.EchoUrl = cluster.AcrossLink(echo);
            cluster.Start("echo", ["bench", "echo-server", "--url", echo, "--certs", cluster.Certificates]);
            string[] csv = [csvA, csvB];
            string[] peer = [cluster.AcrossLink(grpc[1]), cluster.AcrossLink(grpc[0])], dealer = [cluster.AcrossLink(dealerUrl), placement.RemoteDealer ? cluster.AcrossLink(dealerUrl) : dealerUrl];
            for (int party = 0; party < 2; party++)
            {
                string config = cluster.WriteConfig(party, grpc[party], http[party], peer[party], dealer[party], csv[party], workload.Spec.Columns);
                cluster.Start("ab"[party].ToString(), ["party", "--config", config]);
            }
            cluster.ControlUrls = grpc;
            await cluster.WaitReadyAsync([dealerHttp, .. http], within);
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public string Results(int party) => Path.Combine(Folder, "results-" + "ab"[party]);

    /// <summary>Peak resident set size of dealer, a and b so far, in MB.</summary>
    public PartyMegabytes PeakRss() => new(_children["a"].PeakRssMb(), _children["b"].PeakRssMb(), _children["dealer"].PeakRssMb());

    /// <summary>The processes' recent output, for failure messages.</summary>
    public string Logs() => string.Join("\n", _children.Values.Select(c => $"=== {c.Name}{(c.HasExited ? " (exited)" : "")}:\n{c.Output()}"));

    public void Dispose()
    {
        foreach (BenchChild child in _children.Values)
        {
            child.Dispose();
        }
        foreach (DelayRelay relay in _relays)
        {
            relay.Dispose();
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A stopped daemon may hold a file for a moment; the folder is under the temp directory.
        }
    }

    private void Start(string role, string[] args) =>
        _children[role] = new BenchChild(role, _placement.Of(role == "echo" ? "b" : role).Launcher, args);

    /// <summary>
    /// The URL party a's side dials to reach <paramref name="url"/> across the a–b link (and party b to reach a): with a
    /// one-way delay set, a <see cref="DelayRelay"/> in this process, listening on a's address; else the URL itself.
    /// </summary>
    private string AcrossLink(string url)
    {
        if (_placement.OneWayDelay <= TimeSpan.Zero)
        {
            return url;
        }
        var relay = new DelayRelay(_placement.A.Host, new Uri(url), _placement.OneWayDelay);
        _relays.Add(relay);
        return relay.Url;
    }

    private string WriteConfig(int party, string listen, string http, string peerUrl, string dealerUrl, string csv, IReadOnlyList<string> columns)
    {
        string name = "ab"[party].ToString();
        var config = new
        {
            Party = new
            {
                Name = name, ListenUrl = listen, HttpUrl = http, PeerUrl = peerUrl, DealerUrl = dealerUrl,
                DataPath = csv, ResultsFolder = Results(party),
                Policy = new { AllowedColumns = columns },
                Transport = new
                {
                    CaPath = Path.Combine(Certificates, "ca.pem"),
                    CertificatePath = Path.Combine(Certificates, $"party-{name}.pem"),
                    KeyPath = Path.Combine(Certificates, $"party-{name}.key"),
                    ReceiveTimeout = "00:10:00",
                },
            },
        };
        string path = Path.Combine(Folder, $"party-{name}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(config));
        return path;
    }

    private async Task WaitReadyAsync(IReadOnlyList<string> urls, TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        DateTime deadline = DateTime.UtcNow + within;
        foreach (string url in urls)
        {
            while (!await IsReadyAsync(http, url + "/readyz"))
            {
                if (_children.Values.FirstOrDefault(c => c.HasExited) is { } exited)
                {
                    throw new IOException($"bench: the {exited.Name} process exited at start:\n{Logs()}");
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"bench: the daemons were not ready within {within.TotalSeconds:F0} s:\n{Logs()}");
                }
                await Task.Delay(100);
            }
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient http, string url)
    {
        try
        {
            return (await http.GetAsync(url)).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>A URL on the site's address with a port free on this machine's loopback (namespaces made for a run have all ports free).</summary>
    private static string Url(string scheme, Site site)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"{scheme}://{site.Host}:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
