using PrivClust.Net.Security;
using PrivClust.Net.Wire;

namespace PrivClust.Net.Tests.Support;

/// <summary>
/// Certificates for the tests, made once per test run in a temp folder: the development CA with the four
/// roles and a stranger "party-c"; and a second, foreign CA issuing the same role names.
/// </summary>
internal static class TestCertificates
{
    private static readonly Lazy<string> Root = new(Create);

    public static string Folder => Path.Combine(Root.Value, "ca");

    public static string ForeignFolder => Path.Combine(Root.Value, "foreign");

    /// <summary>The SHA-256 pins of the main CA's roles.</summary>
    public static IReadOnlyDictionary<string, string> Thumbprints { get; private set; } = new Dictionary<string, string>();

    /// <summary>TLS settings for <paramref name="role"/>, from the main CA (or the foreign one).</summary>
    public static TransportOptions Transport(string role, bool foreign = false)
    {
        TransportOptions options = DevCertificates.Transport(foreign ? ForeignFolder : Folder, role);
        options.CaPath = Path.Combine(Folder, "ca.pem"); // every side trusts the main CA only
        return options;
    }

    /// <summary>Configuration keys under <paramref name="section"/> for <paramref name="role"/>'s TLS material.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string section, string role, bool foreign = false)
    {
        TransportOptions t = Transport(role, foreign);
        yield return new($"{section}:Transport:CaPath", t.CaPath);
        yield return new($"{section}:Transport:CertificatePath", t.CertificatePath);
        yield return new($"{section}:Transport:KeyPath", t.KeyPath);
    }

    /// <summary>Client TLS as <paramref name="role"/>, accepting servers named in <paramref name="servers"/>.</summary>
    public static ClientTls Client(string role, bool foreign = false, params string[] servers) =>
        new(TransportCredentials.Load(Transport(role, foreign)), [.. (servers.Length == 0 ? ["dealer", "party-a", "party-b"] : servers).Select(IdentityPin.Parse)]);

    private static string Create()
    {
        string root = Directory.CreateTempSubdirectory("privclust-certs-").FullName;
        Thumbprints = DevCertificates.Init(Path.Combine(root, "ca"), roles: [.. DevCertificates.Roles, "party-c"]);
        DevCertificates.Init(Path.Combine(root, "foreign"), "Foreign CA");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);
        return root;
    }
}
