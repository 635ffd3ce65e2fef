using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PrivClust.Net.Security;

/// <summary>
/// An identity a side accepts, as written in its configuration: <c>sha256:HEX</c> (the SHA-256 thumbprint of
/// one certificate) or a subject common name such as <c>party-b</c>. Either way the certificate must also
/// chain to the configured CA (<see cref="TransportCredentials"/>); the pin then says which of the CA's
/// certificates is meant.
/// </summary>
public sealed class IdentityPin
{
    private const string ThumbprintPrefix = "sha256:";
    private readonly string? _thumbprint;
    private readonly string? _commonName;

    private IdentityPin(string text, string? thumbprint, string? commonName)
    {
        Text = text;
        _thumbprint = thumbprint;
        _commonName = commonName;
    }

    /// <summary>The pin as configured.</summary>
    public string Text { get; }

    /// <summary>Parses a pin; throws <see cref="FormatException"/> on an empty or malformed one.</summary>
    public static IdentityPin Parse(string? text)
    {
        string pin = text?.Trim() ?? "";
        if (pin.StartsWith(ThumbprintPrefix, StringComparison.OrdinalIgnoreCase))
        {
            string hex = pin[ThumbprintPrefix.Length..].Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            {
                throw new FormatException($"\"{pin}\" is not a SHA-256 thumbprint (sha256: and 64 hex digits).");
            }
            return new IdentityPin(pin, hex, null);
        }
        if (pin.Length == 0 || pin.Contains('=', StringComparison.Ordinal))
        {
            throw new FormatException($"\"{pin}\" is not an identity: give a subject common name (e.g. party-b) or sha256:THUMBPRINT.");
        }
        return new IdentityPin(pin, null, pin);
    }

    /// <summary>True when the certificate is the pinned one (the CA check is separate).</summary>
    public bool Matches(X509Certificate2 certificate) =>
        _thumbprint is not null
            ? string.Equals(Thumbprint(certificate), _thumbprint, StringComparison.Ordinal)
            : string.Equals(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), _commonName, StringComparison.Ordinal);

    /// <summary>The SHA-256 thumbprint of a certificate, upper-case hex.</summary>
    public static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public override string ToString() => Text;
}
