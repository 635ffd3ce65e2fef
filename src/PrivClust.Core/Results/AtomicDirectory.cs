namespace PrivClust.Core.Results;

/// <summary>Writes a folder of files so that it appears complete or not at all: a temporary sibling, then a rename.</summary>
public static class AtomicDirectory
{
    /// <summary>Writes <paramref name="files"/> (name → text) into <paramref name="target"/>, which must not exist yet.</summary>
    public static void Write(string target, IReadOnlyDictionary<string, string> files)
    {
        target = Path.GetFullPath(target);
        string parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"{target} exists and is not empty: results are never overwritten.");
        }
        string temporary = Path.Combine(parent, $".tmp-{Path.GetFileName(target)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            foreach (var (name, text) in files)
            {
                File.WriteAllText(Path.Combine(temporary, name), text);
            }
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }
            Directory.Move(temporary, target);
        }
        catch
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }
    }
}
