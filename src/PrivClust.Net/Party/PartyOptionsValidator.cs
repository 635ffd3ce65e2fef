using Microsoft.Extensions.Options;

namespace PrivClust.Net.Party;

/// <summary>Checks a party's configuration at start; every problem is named with its setting.</summary>
public sealed class PartyOptionsValidator : IValidateOptions<PartyOptions>
{
    private static readonly string[] KnownAlgorithms = ["kmeans", "meanshift"];
    private static readonly string[] KnownReveals = ["sizes", "inertia"];

    public ValidateOptionsResult Validate(string? name, PartyOptions options)
    {
        var failures = new List<string>();
        if (options.Name is not ("a" or "b"))
        {
            failures.Add($"Party:Name must be \"a\" or \"b\", not \"{options.Name}\".");
        }
        CheckUrl(failures, "Party:ListenUrl", options.ListenUrl);
        CheckUrl(failures, "Party:PeerUrl", options.PeerUrl);
        CheckUrl(failures, "Party:DealerUrl", options.DealerUrl);
        if (!string.IsNullOrWhiteSpace(options.HttpUrl))
        {
            CheckUrl(failures, "Party:HttpUrl", options.HttpUrl);
        }
        if (string.IsNullOrWhiteSpace(options.DataPath) || !File.Exists(options.DataPath))
        {
            failures.Add($"Party:DataPath: no file \"{options.DataPath}\".");
        }
        if (string.IsNullOrWhiteSpace(options.ResultsFolder))
        {
            failures.Add("Party:ResultsFolder is empty.");
        }
        failures.AddRange(options.Policy.Algorithms.Where(a => !KnownAlgorithms.Contains(a)).Select(a => $"Party:Policy:Algorithms: unknown algorithm \"{a}\" (kmeans, meanshift)."));
        failures.AddRange(options.Policy.Reveal.Where(r => !KnownReveals.Contains(r)).Select(r => $"Party:Policy:Reveal: unknown output \"{r}\" (sizes, inertia)."));
        if (options.Transport.ReceiveTimeout <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero)
        {
            failures.Add("Party:Transport:ReceiveTimeout and Party:ConnectTimeout must be positive.");
        }
        if (options.Transport.UseTls)
        {
            failures.Add("Party:Transport:UseTls: TLS is not available in this version; use http:// URLs.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(List<string> failures, string setting, string? url)
    {
        if (!Uri.TryCreate(url?.Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            failures.Add($"{setting}: \"{url}\" is not an http:// URL.");
        }
    }
}
