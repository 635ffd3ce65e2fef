using PrivClust.Core.Clustering;

namespace PrivClust.Core.Benchmarks;

/// <summary>A named benchmark workload: the joint data (split in half between the parties) and the job.</summary>
public sealed record Workload(string Name, double[] Data, int Rows, int Columns, JobSpec Spec)
{
    public static readonly IReadOnlyList<string> Names =
        ["mall-kmeans", "blobs-1e4", "blobs-1e5", "blobs-1e6", "blobs-1e5-d8-k10", "meanshift-seed", "meanshift-1e4", "meanshift-1e5"];

    /// <param name="mallCsv">Path of data/mall_customers.csv (for mall-kmeans).</param>
    public static Workload Create(string name, string? mallCsv = null) => name switch
    {
        "mall-kmeans" => Mall(mallCsv ?? throw new ArgumentException("mall-kmeans needs the Mall CSV path")),
        "blobs-1e4" => Blobs(name, 10_000, 2, 5),
        "blobs-1e5" => Blobs(name, 100_000, 2, 5),
        "blobs-1e6" => Blobs(name, 1_000_000, 2, 5),
        "blobs-1e5-d8-k10" => Blobs(name, 100_000, 8, 10),
        "meanshift-seed" => MeanShift(name, 100, 8),
        "meanshift-1e4" => MeanShift(name, 10_000, 16),
        "meanshift-1e5" => MeanShift(name, 100_000, 32),
        _ => throw new ArgumentException($"--workload: unknown workload '{name}' (known: {string.Join(", ", Names)})"),
    };

    private static Workload Mall(string path)
    {
        var data = PrivClust.Core.Data.CsvDataset.Load(path, ["Annual Income (k$)", "Spending Score (1-100)"]);
        return new Workload("mall-kmeans", data.Values, data.RowCount, 2,
            new JobSpec { Columns = ["income", "spending"], K = 5, Init = InitMethod.Farthest, Seed = 1 });
    }

    /// <summary>k-means on blobs with k centres; random init from the public seed; at most 10 iterations (timed per iteration).</summary>
    private static Workload Blobs(string name, int n, int d, int k) =>
        new(name, SyntheticData.Blobs(n, d, k, seed: 7), n, d, new JobSpec
        {
            Columns = Enumerable.Range(0, d).Select(j => $"x{j}").ToArray(), K = k, Init = InitMethod.Random, Seed = 1, MaxIter = 10,
        });

    /// <summary>
    /// The mean-shift seed paper's setting: [0,1]², 8 centres, R = 0.1, dust seeds by coin flip. The data's domain is
    /// public (the unit square), so the job declares it (<see cref="JobSpec.ValueBound"/> = 1), as a user of such data would.
    /// </summary>
    private static Workload MeanShift(string name, int n, int dust) =>
        new(name, SyntheticData.UnitSquare(n, 8, 0.03, seed: 11), n, 2, new JobSpec
        {
            Algorithm = Algorithm.MeanShift, Columns = ["x", "y"], Bandwidth = 0.1, Dust = dust, Seed = 1, MaxIter = 50, ValueBound = 1,
        });

    /// <summary>Party a's and party b's halves (horizontal split).</summary>
    public (PartyDataset A, PartyDataset B, JobShape Shape) Split()
    {
        int rowsA = Rows / 2;
        var a = new PartyDataset(Data[..(rowsA * Columns)], rowsA, Columns);
        var b = new PartyDataset(Data[(rowsA * Columns)..], Rows - rowsA, Columns);
        return (a, b, new JobShape(rowsA, Rows - rowsA, Columns, Columns));
    }
}
