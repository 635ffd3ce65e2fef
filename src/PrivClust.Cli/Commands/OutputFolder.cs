using PrivClust.Core.Results;

namespace PrivClust.Cli.Commands;

/// <summary>The --out folder: checked before a job is submitted, written atomically (all files or none) after it succeeded.</summary>
public static class OutputFolder
{
    public static void CheckUsable(DirectoryInfo? folder)
    {
        if (folder is { Exists: true } && folder.EnumerateFileSystemInfos().Any())
        {
            throw new UsageException($"--out: {folder.FullName} exists and is not empty (results are never overwritten)");
        }
    }

    public static void Write(DirectoryInfo folder, IReadOnlyDictionary<string, string> files, TextWriter output)
    {
        AtomicDirectory.Write(folder.FullName, files);
        output.WriteLine($"wrote {string.Join(", ", files.Keys)} to {folder.FullName}");
    }
}
