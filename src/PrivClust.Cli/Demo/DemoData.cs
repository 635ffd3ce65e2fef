using PrivClust.Cli.Commands;

namespace PrivClust.Cli.Demo;

/// <summary>
/// The bundled Mall Customers split (data/mall-a.csv, data/mall-b.csv): next to the executable (the csproj copies
/// it there), else in a <c>data</c> folder of the working directory or one of its parents (a repository checkout).
/// </summary>
public static class DemoData
{
    public const string FileA = "mall-a.csv";
    public const string FileB = "mall-b.csv";

    public static (string A, string B) Resolve(FileInfo? dataA, FileInfo? dataB)
    {
        string? folder = dataA is null || dataB is null ? Find() : null;
        string a = dataA?.FullName ?? Path.Combine(folder ?? throw NotFound("--data-a"), FileA);
        string b = dataB?.FullName ?? Path.Combine(folder ?? throw NotFound("--data-b"), FileB);
        return (a, b);
    }

    private static string? Find()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data");
                if (File.Exists(Path.Combine(candidate, FileA)) && File.Exists(Path.Combine(candidate, FileB)))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static UsageException NotFound(string option) =>
        new($"{option}: the bundled data/{FileA} and data/{FileB} were not found next to the executable or above the working directory; pass --data-a and --data-b");
}
