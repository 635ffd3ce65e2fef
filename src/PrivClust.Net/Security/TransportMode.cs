namespace PrivClust.Net.Security;

/// <summary>Whether a daemon runs with mutual TLS (the default) or plaintext insecure-dev; endpoints check their URL scheme against it.</summary>
public sealed record TransportMode(bool InsecureDev)
{
    /// <summary>Throws <see cref="NotSupportedException"/> when a gRPC endpoint's scheme does not fit the mode.</summary>
    public void CheckGrpcScheme(string url, string scheme)
    {
        string expected = InsecureDev ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        if (scheme != expected)
        {
            throw new NotSupportedException(InsecureDev
                ? $"Endpoint {url}: with insecure-dev the gRPC endpoint is plaintext http://."
                : $"Endpoint {url}: the gRPC endpoint uses mutual TLS, so an https:// URL (plaintext http:// only with insecure-dev).");
        }
    }
}
