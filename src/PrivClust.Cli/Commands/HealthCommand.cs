using System.CommandLine;

namespace PrivClust.Cli.Commands;

/// <summary>
/// <c>privclust health [URL]</c>: GET an HTTP health endpoint (/healthz, /readyz) and exit 0 when it answers 2xx.
/// The container image's HEALTHCHECK uses it, since a minimal image has no curl or wget.
/// </summary>
public static class HealthCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080/healthz";

    public static Command Create()
    {
        var url = new Argument<string>("url")
        {
            Description = $"The endpoint to ask. Default: $PRIVCLUST_HEALTH_URL, else {DefaultUrl}.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PRIVCLUST_HEALTH_URL") is { Length: > 0 } env ? env : DefaultUrl,
        };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the answer. Default 3.", DefaultValueFactory = _ => 3 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing; only the exit code tells (0 healthy, 1 not)." };
        var command = new Command("health", "Ask a daemon's HTTP health endpoint (/healthz or /readyz); exit 0 when healthy, 1 when not.") { url, timeout, quiet };
        command.SetAction(async (result, cancellation) =>
        {
            string target = result.GetValue(url)!;
            bool silent = result.GetValue(quiet);
            if (!Uri.TryCreate(target, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                await Console.Error.WriteLineAsync($"privclust: health: {target} is not an http:// or https:// URL");
                return ExitCodes.UsageOrDataError;
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(result.GetValue(timeout)) };
            try
            {
                using HttpResponseMessage response = await http.GetAsync(uri, cancellation);
                string body = (await response.Content.ReadAsStringAsync(cancellation)).Trim();
                if (!silent)
                {
                    Console.WriteLine($"{target}: {(int)response.StatusCode} {body}");
                }
                return response.IsSuccessStatusCode ? ExitCodes.Success : ExitCodes.RuntimeFailure;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (!silent)
                {
                    Console.WriteLine($"{target}: unreachable ({e.Message})");
                }
                return ExitCodes.RuntimeFailure;
            }
        });
        return command;
    }
}
