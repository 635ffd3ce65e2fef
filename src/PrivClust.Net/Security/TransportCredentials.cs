using System.Security.Cryptography.X509Certificates;
using PrivClust.Net.Wire;

namespace PrivClust.Net.Security;

/// <summary>
/// A side's TLS material: its own certificate with its key, and the CA certificate(s) it trusts for the
/// other sides. The OS trust store is never consulted.
/// </summary>
public sealed class TransportCredentials : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    private readonly X509Certificate2Collection _authorities;

    private TransportCredentials(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        _authorities = authorities;
    }

    /// <summary>This side's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Loads the PEM files named by the options; a missing or unreadable file is a <see cref="FileNotFoundException"/> or <see cref="FormatException"/> naming it.</summary>
    public static TransportCredentials Load(TransportOptions options)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(Existing(options.CaPath, "CaPath"));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new FormatException($"Transport:CaPath: {options.CaPath} holds no readable PEM certificate ({e.Message}).", e);
        }
        if (authorities.Count == 0)
        {
            throw new FormatException($"Transport:CaPath: {options.CaPath} holds no certificate.");
        }
        X509Certificate2 certificate;
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(Existing(options.CertificatePath, "CertificatePath"), Existing(options.KeyPath, "KeyPath"));
            // Re-imported so the key is usable by SslStream on every platform.
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new FormatException($"Transport:CertificatePath/KeyPath: {options.CertificatePath} with {options.KeyPath} is not a PEM certificate with its key ({e.Message}).", e);
        }
        return new TransportCredentials(certificate, authorities);
    }

    /// <summary>The certificate chains to one of the configured CAs and may act as a TLS client (or server).</summary>
    public bool IsIssuedByTrustedCa(X509Certificate2 certificate, bool asServer)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(asServer ? ServerAuth : ClientAuth));
        return chain.Build(certificate);
    }

    /// <summary>Trusted CA and one of the pins.</summary>
    public bool Accepts(X509Certificate2? certificate, IReadOnlyList<IdentityPin> pins, bool asServer) =>
        certificate is not null && IsIssuedByTrustedCa(certificate, asServer) && pins.Any(p => p.Matches(certificate));

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (X509Certificate2 authority in _authorities)
        {
            authority.Dispose();
        }
    }

    private static string Existing(string? path, string setting) =>
        !string.IsNullOrWhiteSpace(path) && File.Exists(path) ? path : throw new FileNotFoundException($"Transport:{setting}: no file \"{path}\".", path);
}
