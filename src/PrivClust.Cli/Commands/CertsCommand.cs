using System.CommandLine;
using PrivClust.Net.Security;

namespace PrivClust.Cli.Commands;

/// <summary><c>privclust certs init DIR</c>: a development CA and certificates for the dealer, both parties and an operator.</summary>
public static class CertsCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("dir") { Description = "Folder for ca.pem/ca.key and ROLE.pem/ROLE.key (dealer, party-a, party-b, operator)." };
        var force = new Option<bool>("--force") { Description = "Overwrite existing files." };
        var init = new Command("init", "Create a development CA and one certificate per role (ECDSA P-256, valid one year).") { folder, force };
        init.SetAction(result =>
        {
            DirectoryInfo dir = result.GetValue(folder)!;
            if (File.Exists(Path.Combine(dir.FullName, "ca.pem")) && !result.GetValue(force))
            {
                Console.Error.WriteLine($"privclust: {dir.FullName} already holds a CA (ca.pem); use --force to replace it.");
                return ExitCodes.UsageOrDataError;
            }
            foreach ((string role, string thumbprint) in DevCertificates.Init(dir.FullName))
            {
                Console.WriteLine($"{role,-9} {Path.Combine(dir.FullName, role + ".pem")}  {thumbprint}");
            }
            Console.WriteLine($"CA        {Path.Combine(dir.FullName, "ca.pem")} (keep ca.key private; it issues identities)");
            return ExitCodes.Success;
        });
        return new Command("certs", "Certificates for mutual TLS.") { init };
    }
}
