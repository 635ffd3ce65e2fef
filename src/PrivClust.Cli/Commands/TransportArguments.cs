namespace PrivClust.Cli.Commands;

/// <summary>Turns the daemons' <c>--certs DIR</c> and <c>--insecure-dev</c> options into configuration keys.</summary>
public static class TransportArguments
{
    /// <param name="section">"Dealer" or "Party".</param>
    /// <param name="role">The file name stem of the daemon's certificate in the folder (dealer, party-a, party-b).</param>
    public static IEnumerable<string> For(string section, string role, string? certs, bool insecureDev)
    {
        if (insecureDev)
        {
            yield return $"--{section}:Transport:InsecureDev=true";
        }
        if (certs is not null)
        {
            yield return $"--{section}:Transport:CaPath={Path.GetFullPath(Path.Combine(certs, "ca.pem"))}";
            yield return $"--{section}:Transport:CertificatePath={Path.GetFullPath(Path.Combine(certs, role + ".pem"))}";
            yield return $"--{section}:Transport:KeyPath={Path.GetFullPath(Path.Combine(certs, role + ".key"))}";
        }
    }
}
