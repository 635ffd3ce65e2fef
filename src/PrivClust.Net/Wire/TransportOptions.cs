namespace PrivClust.Net.Wire;

/// <summary>
/// How the daemons talk. Protocol version 1 runs plaintext HTTP/2 (h2c); mutual TLS (issue 5) plugs in
/// here: certificates and pinned identities for outgoing channels and for the Kestrel endpoints.
/// </summary>
public sealed class TransportOptions
{
    public const string Section = "Transport";

    /// <summary>Require TLS on every link. Not implemented before mutual TLS lands; enabling it fails at start.</summary>
    public bool UseTls { get; set; }

    /// <summary>How long one round (send and receive) may take before the session fails.</summary>
    public TimeSpan ReceiveTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
