using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace PrivClust.Cli.Tests.Support;

/// <summary>
/// The dealer and the two party daemons as three OS processes started from the built CLI, on loopback ports picked
/// here, with their JSON configurations and data in a temporary folder. Disposing kills them and deletes the folder.
/// </summary>
public sealed class DaemonProcesses : IAsyncDisposable
{
    private readonly List<CliProcess> _processes = [];

    public string Folder { get; } = Directory.CreateTempSubdirectory("privclust-cli-").FullName;
    public string[] PartyUrls { get; } = [FreeUrl(), FreeUrl()];
    public string[] HttpUrls { get; } = [FreeUrl(), FreeUrl()];

    public static async Task<DaemonProcesses> StartAsync(string csvA, string csvB, IReadOnlyList<string> allowedColumns)
    {
        var daemons = new DaemonProcesses();
        try
        {
            string dealerUrl = FreeUrl(), dealerHttp = FreeUrl();
            daemons._processes.Add(CliProcess.Start("dealer", "--url", dealerUrl, "--http-url", dealerHttp));
            string[] csv = [csvA, csvB];
            for (int party = 0; party < 2; party++)
            {
                string config = daemons.WriteConfig(party, dealerUrl, csv[party], allowedColumns);
                daemons._processes.Add(CliProcess.Start("party", "--config", config));
            }
            await daemons.WaitReadyAsync(TimeSpan.FromSeconds(40));
            return daemons;
        }
        catch
        {
            await daemons.DisposeAsync();
            throw;
        }
    }

    public string Results(int party) => Path.Combine(Folder, "results-" + "ab"[party]);

    /// <summary>What the daemons wrote so far (for failure messages).</summary>
    public string Logs() => string.Join("\n", _processes.Select((p, i) => $"=== {new[] { "dealer", "a", "b" }[i]}: {p.Snapshot()}"));

    public ValueTask DisposeAsync()
    {
        foreach (CliProcess process in _processes)
        {
            process.Dispose();
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A killed daemon may still hold a file for a moment; the folder is in the temp directory.
        }
        return ValueTask.CompletedTask;
    }

    private string WriteConfig(int party, string dealerUrl, string csv, IReadOnlyList<string> allowedColumns)
    {
        string name = "ab"[party].ToString();
        string data = Path.Combine(Folder, $"data-{name}.csv");
        File.WriteAllText(data, csv);
        var config = new
        {
            Party = new
            {
                Name = name, ListenUrl = PartyUrls[party], HttpUrl = HttpUrls[party], PeerUrl = PartyUrls[1 - party], DealerUrl = dealerUrl,
                DataPath = data, ResultsFolder = Results(party),
                Policy = new { AllowedColumns = allowedColumns, Reveal = new[] { "sizes" } },
            },
        };
        string path = Path.Combine(Folder, $"party-{name}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(config));
        return path;
    }

    private async Task WaitReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        DateTime deadline = DateTime.UtcNow + within;
        foreach (string url in HttpUrls)
        {
            while (true)
            {
                if (_processes.FirstOrDefault(p => p.HasExited) is { } exited)
                {
                    throw new InvalidOperationException("A daemon exited at start: " + Logs());
                }
                try
                {
                    if ((await http.GetAsync(url + "/readyz")).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("The daemons did not become ready: " + Logs());
                }
                await Task.Delay(100);
            }
        }
    }

    public static string FreeUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
