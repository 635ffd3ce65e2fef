using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivClust.Net.Security;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Security;

/// <summary>Development certificates, mutual TLS by default, and the explicit insecure-dev mode.</summary>
public class TransportSetupTests
{
    private const string CsvA = "x,y\n1,10\n2,20\n3,30\n";
    private const string CsvB = "x,y\n5,50\n9,90\n";

    [Fact]
    public void Certs_init_makes_a_ca_and_per_role_p256_certificates_for_client_and_server_use()
    {
        string folder = Path.Combine(Path.GetTempPath(), "privclust-certs-" + Guid.NewGuid().ToString("N"));
        try
        {
            IReadOnlyDictionary<string, string> pins = DevCertificates.Init(folder);

            Assert.Equal(["dealer", "party-a", "party-b", "operator"], pins.Keys);
            var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "ca.pem"));
            foreach (string role in pins.Keys)
            {
                using var cert = X509Certificate2.CreateFromPemFile(Path.Combine(folder, role + ".pem"), Path.Combine(folder, role + ".key"));
                Assert.Equal("CN=" + role, cert.Subject);
                Assert.Equal(ca.Subject, cert.Issuer);
                Assert.Equal("1.2.840.10045.2.1", cert.PublicKey.Oid.Value); // ECDSA
                Assert.Equal(256, cert.GetECDsaPublicKey()!.KeySize);
                var eku = cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value);
                Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], eku);
                string san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().Format(false);
                Assert.Contains("localhost", san);
                Assert.Contains(role, san);
                Assert.Contains("127.0.0.1", san);
                Assert.Equal(pins[role], "sha256:" + IdentityPin.Thumbprint(cert));
                Assert.True(IdentityPin.Parse(pins[role]).Matches(cert));
                Assert.True(IdentityPin.Parse(role).Matches(cert));
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, role + ".key")));
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_party_without_certificates_refuses_to_start_unless_insecure_dev_is_explicit()
    {
        var config = new Dictionary<string, string?>
        {
            ["Party:Name"] = "a", ["Party:ListenUrl"] = "http://127.0.0.1:0", ["Party:PeerUrl"] = "http://127.0.0.1:1",
            ["Party:DealerUrl"] = "http://127.0.0.1:2", ["Party:DataPath"] = Path.GetTempFileName(),
        };
        var refused = Assert.Throws<OptionsValidationException>(() => PartyDaemons.Build(config, null));

        Assert.Contains("Party:ListenUrl: \"http://127.0.0.1:0\" is not an https:// URL", refused.Message);
        Assert.Contains("Party:Transport:CaPath: no file", refused.Message);
    }

    [Fact]
    public async Task Insecure_dev_runs_plaintext_and_warns_at_every_start()
    {
        // One log per host: a start attempt that lost its port to another test also started (and warned) hosts.
        var hostLogs = new List<CapturingLoggerProvider>();
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB, insecureDev: true, configure: b =>
        {
            var logs = new CapturingLoggerProvider();
            lock (hostLogs)
            {
                hostLogs.Add(logs);
            }
            b.Logging.AddProvider(logs);
        });
        Assert.StartsWith("http://", daemons.GrpcUrls[0]);

        var spec = new JobSpec { Algorithm = Algorithm.Kmeans, Partition = Partition.Horizontal, K = 1, FractionalBits = 16, Columns = { "x", "y" } };
        SubmitReply submitted = await daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = spec });
        JobStatus a = await daemons.WaitAsync(0, submitted.JobId, TimeSpan.FromSeconds(20));

        Assert.True(a.State == JobState.Succeeded, a.Error);
        CapturingLoggerProvider[] running = [.. hostLogs.TakeLast(3)]; // the dealer, then party a and party b
        string[][] warnings = [.. running.Select(logs => logs.Lines
            .Where(l => l.Level == LogLevel.Warning && l.Text.StartsWith("INSECURE:", StringComparison.Ordinal)).Select(l => l.Text).ToArray())];
        Assert.All(warnings, w => Assert.Single(w));
        Assert.Contains("the dealer runs with --insecure-dev", warnings[0][0], StringComparison.Ordinal);
        Assert.Contains("the party daemon runs with --insecure-dev", warnings[1][0], StringComparison.Ordinal);
        Assert.Contains("the party daemon runs with --insecure-dev", warnings[2][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_certificates_every_link_is_mutual_tls_and_no_warning_is_logged()
    {
        var logs = new CapturingLoggerProvider();
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB, configure: b => b.Logging.AddProvider(logs));
        Assert.StartsWith("https://", daemons.GrpcUrls[0]);

        var spec = new JobSpec { Algorithm = Algorithm.Kmeans, Partition = Partition.Horizontal, K = 1, FractionalBits = 16, Columns = { "x", "y" } };
        SubmitReply submitted = await daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = spec });

        Assert.Equal(JobState.Succeeded, (await daemons.WaitAsync(1, submitted.JobId, TimeSpan.FromSeconds(20))).State);
        Assert.DoesNotContain(logs.Lines, l => l.Text.StartsWith("INSECURE", StringComparison.Ordinal));
        using var plaintext = Grpc.Net.Client.GrpcChannel.ForAddress(daemons.GrpcUrls[0].Replace("https", "http", StringComparison.Ordinal));
        await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => new Control.ControlClient(plaintext).ListAsync(new ListJobsRequest()).ResponseAsync);
    }
}
