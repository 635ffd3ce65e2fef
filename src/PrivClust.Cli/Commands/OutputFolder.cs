namespace PrivClust.Cli.Commands;

/// <summary>
/// The --out folder: checked before a job is submitted, written atomically after it succeeded (a temporary sibling,
/// then a rename): all files, plots included, or none.
/// </summary>
public static class OutputFolder
{
    public static void CheckUsable(DirectoryInfo? folder)
    {
        if (folder is { Exists: true } && folder.EnumerateFileSystemInfos().Any())
        {
            throw new UsageException($"--out: {folder.FullName} exists and is not empty (results are never overwritten)");
        }
    }

    /// <param name="files">Text files, name → content.</param>
    /// <param name="draw">Writes more files (the plots) into the folder it is given and returns their names.</param>
    public static void Write(DirectoryInfo folder, IReadOnlyDictionary<string, string> files, TextWriter output,
        Func<string, IReadOnlyList<string>>? draw = null)
    {
        string target = folder.FullName;
        string parent = Path.GetDirectoryName(target)!;
        CheckUsable(new DirectoryInfo(target));
        Directory.CreateDirectory(parent);
        string temporary = Path.Combine(parent, $".tmp-{Path.GetFileName(target)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            foreach ((string name, string text) in files)
            {
                File.WriteAllText(Path.Combine(temporary, name), text);
            }
            IReadOnlyList<string> drawn = draw?.Invoke(temporary) ?? [];
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }
            Directory.Move(temporary, target);
            output.WriteLine($"wrote {string.Join(", ", files.Keys.Concat(drawn))} to {target}");
        }
        catch
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }
    }
}
