using PrivClust.Cli.Commands;
using PrivClust.Cli.Demo;
using PrivClust.Core.Benchmarks;

namespace PrivClust.Cli.Bench;

/// <summary>Creates a benchmark workload by name; mall-kmeans reads the bundled Mall split (mall-a.csv then mall-b.csv, joined).</summary>
public static class MallWorkload
{
    public static Workload Create(string name)
    {
        if (!Workload.Names.Contains(name))
        {
            throw new UsageException($"--workload: unknown workload '{name}' (known: {string.Join(", ", Workload.Names)}, all)");
        }
        if (name != "mall-kmeans")
        {
            return Workload.Create(name);
        }
        (string a, string b) = DemoData.Resolve(null, null);
        string joined = Path.Combine(Path.GetTempPath(), $"privclust-mall-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllLines(joined, [.. File.ReadLines(a), .. File.ReadLines(b).Skip(1)]);
            return Workload.Create(name, joined);
        }
        finally
        {
            File.Delete(joined);
        }
    }
}
