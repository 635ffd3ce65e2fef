using System.Globalization;
using System.Text;
using PrivClust.Core.Benchmarks;

namespace PrivClust.Cli.Bench;

/// <summary>A workload's horizontal split as the two parties' CSV files (header: the job's columns), as the daemons read them.</summary>
public static class WorkloadFiles
{
    public static (string A, string B) Write(Workload workload, string folder)
    {
        var (a, b, _) = workload.Split();
        string pathA = Path.Combine(folder, "data-a.csv"), pathB = Path.Combine(folder, "data-b.csv");
        Write(pathA, workload.Spec.Columns, a.Values, a.Rows, a.Columns);
        Write(pathB, workload.Spec.Columns, b.Values, b.Rows, b.Columns);
        return (pathA, pathB);
    }

    private static void Write(string path, IReadOnlyList<string> columns, double[] values, int rows, int d)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write(string.Join(',', columns));
        writer.Write('\n');
        var line = new StringBuilder();
        for (int r = 0; r < rows; r++)
        {
            line.Clear();
            for (int j = 0; j < d; j++)
            {
                line.Append(j == 0 ? "" : ",").Append(values[r * d + j].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.Write(line.Append('\n'));
        }
    }
}
