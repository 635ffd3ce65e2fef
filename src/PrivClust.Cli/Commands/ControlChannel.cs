using System.CommandLine;
using Grpc.Net.Client;
using PrivClust.Net.Security;
using PrivClust.Net.Wire;

namespace PrivClust.Cli.Commands;

/// <summary>
/// How the CLI reaches a party daemon's control API: mutual TLS with the operator's certificate from
/// <c>--certs DIR</c> (ca.pem, operator.pem, operator.key), the daemon pinned by <c>--party-identity</c>;
/// or plaintext with <c>--insecure-dev</c>.
/// </summary>
public static class ControlChannel
{
    public static readonly Option<string?> Certs = new("--certs")
    {
        Description = "Folder with ca.pem, operator.pem and operator.key (default: $PRIVCLUST_CERTS).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PRIVCLUST_CERTS"),
    };

    public static readonly Option<string> PartyIdentity = new("--party-identity")
    {
        Description = "Identities accepted for the daemon, comma-separated (subject names or sha256:THUMBPRINT).",
        DefaultValueFactory = _ => "party-a,party-b",
    };

    public static readonly Option<bool> InsecureDev = new("--insecure-dev") { Description = "Plaintext http:// without authentication (development only)." };

    /// <summary>Adds the transport options to a command.</summary>
    public static void AddTo(Command command)
    {
        command.Options.Add(Certs);
        command.Options.Add(PartyIdentity);
        command.Options.Add(InsecureDev);
    }

    /// <summary>A channel to <paramref name="address"/>; the caller disposes it with its credentials.</summary>
    public static ControlConnection Open(ParseResult result, string address)
    {
        var transport = new TransportOptions { InsecureDev = result.GetValue(InsecureDev) };
        if (transport.InsecureDev)
        {
            Console.Error.WriteLine("privclust: WARNING: --insecure-dev: plaintext, unauthenticated control connection.");
            return new ControlConnection(GrpcChannels.Create(address, transport, maxReceiveBytes: WireLimits.MaxResultBytes), null);
        }
        string folder = result.GetValue(Certs) ?? throw new FileNotFoundException("--certs: no certificate folder (give --certs DIR or PRIVCLUST_CERTS, or --insecure-dev for plaintext).");
        transport = DevCertificates.Transport(folder, "operator");
        TransportCredentials credentials = TransportCredentials.Load(transport);
        IdentityPin[] pins = [.. result.GetValue(PartyIdentity)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(IdentityPin.Parse)];
        return new ControlConnection(GrpcChannels.Create(address, transport, new ClientTls(credentials, pins), WireLimits.MaxResultBytes), credentials);
    }
}
