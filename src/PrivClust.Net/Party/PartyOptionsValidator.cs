using Microsoft.Extensions.Options;

namespace PrivClust.Net.Party;

/// <summary>Checks a party's configuration at start; every problem is named with its setting.</summary>
public sealed class PartyOptionsValidator : IValidateOptions<PartyOptions>
{
    private static readonly string[] KnownAlgorithms = ["kmeans", "meanshift", "elbow"];
    private static readonly string[] KnownReveals = ["sizes", "inertia"];

    public ValidateOptionsResult Validate(string? name, PartyOptions options)
    {
        var failures = new List<string>();
        if (options.Name is not ("a" or "b"))
        {
            failures.Add($"Party:Name must be \"a\" or \"b\", not \"{options.Name}\".");
        }
        string scheme = options.Transport.Scheme;
        CheckUrl(failures, "Party:ListenUrl", options.ListenUrl, scheme);
        CheckUrl(failures, "Party:PeerUrl", options.PeerUrl, scheme);
        CheckUrl(failures, "Party:DealerUrl", options.DealerUrl, scheme);
        if (!string.IsNullOrWhiteSpace(options.HttpUrl))
        {
            CheckUrl(failures, "Party:HttpUrl", options.HttpUrl, Uri.UriSchemeHttp);
        }
        if (string.IsNullOrWhiteSpace(options.DataPath) || !File.Exists(options.DataPath))
        {
            failures.Add($"Party:DataPath: no file \"{options.DataPath}\".");
        }
        if (string.IsNullOrWhiteSpace(options.ResultsFolder))
        {
            failures.Add("Party:ResultsFolder is empty.");
        }
        failures.AddRange(options.Policy.AllowedAlgorithms.Where(a => !KnownAlgorithms.Contains(a)).Select(a => $"Party:Policy:Algorithms: unknown algorithm \"{a}\" (kmeans, meanshift, elbow)."));
        failures.AddRange(options.Policy.Reveal.Where(r => !KnownReveals.Contains(r)).Select(r => $"Party:Policy:Reveal: unknown output \"{r}\" (sizes, inertia)."));
        if (options.Transport.ReceiveTimeout <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero)
        {
            failures.Add("Party:Transport:ReceiveTimeout and Party:ConnectTimeout must be positive.");
        }
        if (options.Checkpoints.PeerResumeTimeout <= TimeSpan.Zero)
        {
            failures.Add("Party:Checkpoints:PeerResumeTimeout must be positive.");
        }
        failures.AddRange(options.Transport.Problems("Party"));
        failures.AddRange(PinProblems(options));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> PinProblems(PartyOptions options)
    {
        var pins = new List<(string Setting, string? Pin)> { ("Party:Pins:Peer", options.Pins.Peer ?? PartyTransport.DefaultPeer(options)), ("Party:Pins:Dealer", options.Pins.Dealer) };
        pins.AddRange(options.Pins.OperatorsOrDefault.Select(o => ("Party:Pins:Operators", (string?)o)));
        foreach ((string setting, string? pin) in pins)
        {
            string? problem = null;
            try
            {
                Security.IdentityPin.Parse(pin);
            }
            catch (FormatException e)
            {
                problem = $"{setting}: {e.Message}";
            }
            if (problem is not null)
            {
                yield return problem;
            }
        }
    }

    private static void CheckUrl(List<string> failures, string setting, string? url, string scheme)
    {
        if (!Uri.TryCreate(url?.Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out Uri? uri) || uri.Scheme != scheme)
        {
            failures.Add(scheme == Uri.UriSchemeHttps
                ? $"{setting}: \"{url}\" is not an https:// URL (links use mutual TLS; plaintext http:// only with Party:Transport:InsecureDev)."
                : $"{setting}: \"{url}\" is not an http:// URL.");
        }
    }
}
