using System.CommandLine;
using System.CommandLine.Help;
using PrivClust.Cli.Commands;

namespace PrivClust.Cli.Tests;

/// <summary>docs/configuration.md lists every option of every subcommand, in the section of that subcommand.</summary>
public class ConfigurationDocTests
{
    [Fact]
    public void Every_option_of_every_command_is_in_configuration_md()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));
        var missing = new List<string>();
        foreach ((string path, Command command) in Leaves(CliRoot.Create(), ""))
        {
            string? section = Section(doc, $"### `privclust {path}`");
            if (section is null)
            {
                missing.Add($"privclust {path}: no section");
                continue;
            }
            missing.AddRange(command.Options.Where(o => o is not HelpOption && o is not VersionOption)
                .Where(o => !section.Contains($"`{o.Name}`", StringComparison.Ordinal))
                .Select(o => $"privclust {path} {o.Name}"));
        }
        Assert.True(missing.Count == 0, "Not in docs/configuration.md: " + string.Join("; ", missing));
    }

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path, command);
        }
        foreach (Command sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, (path + " " + sub.Name).Trim()))
            {
                yield return leaf;
            }
        }
    }

    private static string? Section(string doc, string heading)
    {
        int start = doc.IndexOf(heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }
        int end = doc.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? doc[start..] : doc[start..end];
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PrivClust.sln")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException("PrivClust.sln not found above " + AppContext.BaseDirectory);
    }
}
