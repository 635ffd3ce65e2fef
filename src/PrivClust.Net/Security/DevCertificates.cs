using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PrivClust.Net.Security;

/// <summary>
/// A development CA and one certificate per role (ECDSA P-256), written as PEM files: <c>ca.pem</c> (and
/// <c>ca.key</c>, to issue more), and <c>ROLE.pem</c> + <c>ROLE.key</c> for each role. Each role's subject
/// is <c>CN=ROLE</c>, its SANs are DNS localhost and ROLE and IP 127.0.0.1 and ::1, its EKUs client and server.
/// </summary>
public static class DevCertificates
{
    public static readonly string[] Roles = ["dealer", "party-a", "party-b", "operator"];

    /// <summary>The TLS settings of <paramref name="role"/> in a folder laid out by <see cref="Init"/>: ca.pem, ROLE.pem, ROLE.key.</summary>
    public static Wire.TransportOptions Transport(string folder, string role) => new()
    {
        CaPath = Path.Combine(folder, "ca.pem"),
        CertificatePath = Path.Combine(folder, role + ".pem"),
        KeyPath = Path.Combine(folder, role + ".key"),
    };

    /// <summary>Creates the CA and the role certificates in <paramref name="folder"/>; returns role → SHA-256 thumbprint.</summary>
    public static IReadOnlyDictionary<string, string> Init(string folder, string caName = "PrivClust development CA", IEnumerable<string>? roles = null, TimeSpan? validity = null)
    {
        Directory.CreateDirectory(folder);
        DateTimeOffset now = DateTimeOffset.UtcNow.AddMinutes(-5);
        DateTimeOffset until = now + (validity ?? TimeSpan.FromDays(365));
        using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest(new X500DistinguishedName("CN=" + caName), caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(now, until.AddDays(1));
        Write(folder, "ca", ca, caKey);
        var thumbprints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string role in roles ?? Roles)
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using X509Certificate2 certificate = Issue(ca, caKey, role, key, now, until);
            Write(folder, role, certificate, key);
            thumbprints[role] = "sha256:" + IdentityPin.Thumbprint(certificate);
        }
        return thumbprints;
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, ECDsa caKey, string role, ECDsa key, DateTimeOffset from, DateTimeOffset until)
    {
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + role), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(role);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using X509Certificate2 signed = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), from, until, serial);
        return signed.CopyWithPrivateKey(key);
    }

    private static void Write(string folder, string name, X509Certificate2 certificate, ECDsa key)
    {
        File.WriteAllText(Path.Combine(folder, name + ".pem"), certificate.ExportCertificatePem() + "\n");
        string keyPath = Path.Combine(folder, name + ".key");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
