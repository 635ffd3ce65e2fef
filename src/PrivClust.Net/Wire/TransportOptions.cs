namespace PrivClust.Net.Wire;

/// <summary>
/// How a daemon (or a CLI client) talks: mutual TLS with its own certificate and the CA it trusts, unless
/// <see cref="InsecureDev"/> asks for plaintext HTTP/2 (development only; a warning is logged at every start).
/// Which identities each side accepts is pinned in the party's and dealer's own options.
/// </summary>
public sealed class TransportOptions
{
    public const string Section = "Transport";

    /// <summary>Plaintext HTTP/2 (h2c) with http:// URLs and no authentication. Development only.</summary>
    public bool InsecureDev { get; set; }

    /// <summary>Kept for configuration compatibility: TLS is on unless <see cref="InsecureDev"/>; this flag changes nothing.</summary>
    public bool UseTls { get; set; }

    /// <summary>PEM file with the CA certificate(s) trusted for the other sides (the OS store is not used).</summary>
    public string? CaPath { get; set; }

    /// <summary>PEM file with this side's certificate.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM file with this side's private key.</summary>
    public string? KeyPath { get; set; }

    /// <summary>How long one round (send and receive) may take before the session fails.</summary>
    public TimeSpan ReceiveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The URL scheme this transport speaks.</summary>
    public string Scheme => InsecureDev ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;

    /// <summary>Problems with the TLS settings, each naming its setting under <paramref name="prefix"/>.</summary>
    public IEnumerable<string> Problems(string prefix)
    {
        if (InsecureDev)
        {
            yield break;
        }
        foreach ((string name, string? path) in new[] { ("CaPath", CaPath), ("CertificatePath", CertificatePath), ("KeyPath", KeyPath) })
        {
            if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            {
                yield return $"{prefix}:Transport:{name}: no file \"{path}\" (mutual TLS needs a CA, a certificate and its key; `privclust certs init DIR` makes development ones, or set {prefix}:Transport:InsecureDev for plaintext).";
            }
        }
    }
}
