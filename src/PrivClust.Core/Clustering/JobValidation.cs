namespace PrivClust.Core.Clustering;

/// <summary>Checks a job's public parameters against its shape before anything runs.</summary>
public static class JobValidation
{
    public static void Validate(JobSpec spec, JobShape shape)
    {
        int n = shape.TotalRows(spec.Partition), d = shape.TotalColumns(spec.Partition);
        Require(spec.Columns.Count == d, $"--columns: the job names {spec.Columns.Count} columns but the data has {d}");
        Require(spec.Columns.Distinct(StringComparer.Ordinal).Count() == spec.Columns.Count, "--columns: a column is named twice");
        Require(spec.MaxIter >= 1, $"--max-iter must be at least 1 (got {spec.MaxIter})");
        Require(spec.FractionalBits is >= 4 and <= 28, $"--fractional-bits must be between 4 and 28 (got {spec.FractionalBits})");
        Require(spec.ValueBound >= 0 && double.IsFinite(spec.ValueBound), $"--value-bound must be a positive number (got {spec.ValueBound})");
        Require(n >= 1, "the joint data has no rows");
        Require(n < (1 << Protocols.Division.CountBits), $"the joint data has {n} rows; at most {(1 << Protocols.Division.CountBits) - 1} are supported");
        if (spec.Partition == Partition.Vertical)
        {
            Require(!string.IsNullOrEmpty(spec.IdColumn), "--id-column is required for --partition vertical");
            Require(shape.RowsA == shape.RowsB, $"vertical partitioning needs the same rows on both sides (a has {shape.RowsA}, b has {shape.RowsB})");
        }
        switch (spec.Algorithm)
        {
            case Algorithm.KMeans:
                ValidateKMeans(spec, n, d, spec.K);
                break;
            case Algorithm.Elbow:
                Require(spec.KMin >= 1 && spec.KMin <= spec.K, $"--k-min must be between 1 and --k (got {spec.KMin}..{spec.K})");
                ValidateKMeans(spec with { Init = spec.Init == InitMethod.Given ? InitMethod.Farthest : spec.Init }, n, d, spec.K);
                break;
            case Algorithm.MeanShift:
                Require(spec.Bandwidth > 0 && double.IsFinite(spec.Bandwidth), $"--bandwidth must be a positive number (got {spec.Bandwidth})");
                Require(spec.Seeds is not null ^ spec.Dust > 0, "mean-shift needs exactly one of --dust N or --seeds PATH");
                Require(spec.Dust <= n, $"--dust {spec.Dust} is more than the {n} rows");
                if (spec.Seeds is not null)
                {
                    Require(spec.Seeds.Count >= 1 && spec.Seeds.All(s => s.Length == d), $"--seeds: each seed needs {d} values");
                }
                break;
        }
    }

    private static void ValidateKMeans(JobSpec spec, int n, int d, int k)
    {
        Require(k >= 1, $"--k must be at least 1 (got {k})");
        Require(k <= n, $"--k {k} is more than the {n} rows");
        Require(spec.NInit >= 1, $"--n-init must be at least 1 (got {spec.NInit})");
        if (spec.Init == InitMethod.Given)
        {
            Require(spec.InitialCentroids is not null, "--init given needs --initial-centroids PATH");
            Require(spec.InitialCentroids!.Count == k, $"--initial-centroids has {spec.InitialCentroids.Count} rows but --k is {k}");
            Require(spec.InitialCentroids.All(c => c.Length == d), $"--initial-centroids: each centroid needs {d} values");
            Require(spec.NInit == 1, "--n-init > 1 makes no sense with --init given");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidJobException(message);
        }
    }
}
