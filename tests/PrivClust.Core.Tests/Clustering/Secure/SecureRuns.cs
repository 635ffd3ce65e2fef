using PrivClust.Core.Clustering;
using PrivClust.Core.Harness;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Clustering.Secure;

/// <summary>Runs a secure job in the in-process harness on data split between the parties.</summary>
internal static class SecureRuns
{
    /// <summary>Horizontal split: the first <paramref name="rowsA"/> rows to a, the rest to b.</summary>
    public static TwoPartyResult<JobResult> Horizontal(ulong seed, JobSpec spec, double[] data, int n, int d, int rowsA,
        RecordingObserver? observer = null)
    {
        var a = new PartyDataset(data[..(rowsA * d)], rowsA, d);
        var b = new PartyDataset(data[(rowsA * d)..], n - rowsA, d);
        var shape = new JobShape(rowsA, n - rowsA, d, d);
        return TwoPartyHarness.Run(seed,
            s => SecureClustering.Run(s, spec, a, shape),
            s => SecureClustering.Run(s, spec, b, shape),
            new Core.Arithmetic.FixedPoint(spec.FractionalBits),
            configure: s => s.Observer = s.IsParty0 ? observer : null);
    }

    /// <summary>Vertical split: a holds the first <paramref name="columnsA"/> columns, b the rest; b's rows are shuffled.</summary>
    public static TwoPartyResult<JobResult> Vertical(ulong seed, JobSpec spec, double[] data, int n, int d, int columnsA, int[] bOrder)
    {
        int columnsB = d - columnsA;
        double[] a = new double[n * columnsA], b = new double[n * columnsB];
        string[] idsA = new string[n], idsB = new string[n];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(data, i * d, a, i * columnsA, columnsA);
            idsA[i] = $"id-{i:D6}";
            int source = bOrder[i];
            Array.Copy(data, source * d + columnsA, b, i * columnsB, columnsB);
            idsB[i] = $"id-{source:D6}";
        }
        var shape = new JobShape(n, n, columnsA, columnsB);
        return TwoPartyHarness.Run(seed,
            s => SecureClustering.Run(s, spec, new PartyDataset(a, n, columnsA, idsA), shape),
            s => SecureClustering.Run(s, spec, new PartyDataset(b, n, columnsB, idsB), shape),
            new Core.Arithmetic.FixedPoint(spec.FractionalBits));
    }

    public static string[] ColumnNames(int d) => Enumerable.Range(0, d).Select(j => $"x{j}").ToArray();
}
