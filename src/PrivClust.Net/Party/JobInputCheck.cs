using PrivClust.Core.Clustering;

namespace PrivClust.Net.Party;

/// <summary>
/// What a party can check about a job before any session opens: the public parameters that do not depend
/// on the joint shape (<see cref="ParameterProblem"/>; k against the joint row count and the safe value range
/// are checked by the engine once both shapes are known), and its own data under the job's columns
/// (<see cref="DataProblem"/>: every cell numeric and finite, ids present and unique for vertical jobs).
/// </summary>
public static class JobInputCheck
{
    /// <summary>The first problem with the job's parameters, naming the option, or null.</summary>
    public static string? ParameterProblem(JobSpec spec) =>
        spec.Columns.Count == 0 ? "--columns: the job names no columns"
        : spec.Columns.Distinct(StringComparer.Ordinal).Count() != spec.Columns.Count ? "--columns: a column is named twice"
        : spec.MaxIter < 1 ? $"--max-iter must be at least 1 (got {spec.MaxIter})"
        : spec.FractionalBits is < 4 or > 28 ? $"--fractional-bits must be between 4 and 28 (got {spec.FractionalBits})"
        : !(spec.ValueBound >= 0 && double.IsFinite(spec.ValueBound)) ? $"--value-bound must be a positive number (got {spec.ValueBound})"
        : !Enum.IsDefined(spec.Init) ? "--init: unknown initialisation (farthest, kmeans++, random, given)"
        : !Enum.IsDefined(spec.Scale) ? "--scale: unknown scaling (none, standard, minmax)"
        : spec.Partition == Partition.Vertical && string.IsNullOrEmpty(spec.IdColumn) ? "--id-column is required for --partition vertical"
        : spec.Algorithm is Algorithm.KMeans or Algorithm.Elbow ? KMeansProblem(spec)
        : MeanShiftProblem(spec);

    /// <summary>The first problem with this party's data for the job (naming file, row and column), or null.</summary>
    public static string? DataProblem(JobSpec spec, PartyTable table)
    {
        IReadOnlyList<string> own = spec.Partition == Partition.Horizontal ? spec.Columns : [.. spec.Columns.Where(table.HasColumn)];
        if (spec.Partition == Partition.Horizontal && own.FirstOrDefault(c => !table.HasColumn(c)) is { } missing)
        {
            return $"{table.Path}: no column \"{missing}\" (columns: {string.Join(", ", table.Header)})";
        }
        try
        {
            double[][] values = table.Select(own);
            if (spec.Scale == Scaling.None && spec.ValueBound > 0 && OutsideBound(values, spec.ValueBound) is var (row, column))
            {
                return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{table.Path}, row {row + 1}, column \"{own[column]}\": outside the declared --value-bound {spec.ValueBound}.");
            }
            if (spec.Partition == Partition.Vertical)
            {
                CheckIds(table, spec.IdColumn!);
            }
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    /// <summary>The first cell whose magnitude exceeds <paramref name="bound"/>, or null.</summary>
    private static (int Row, int Column)? OutsideBound(double[][] values, double bound)
    {
        for (int r = 0; r < values.Length; r++)
        {
            for (int c = 0; c < values[r].Length; c++)
            {
                if (Math.Abs(values[r][c]) > bound)
                {
                    return (r, c);
                }
            }
        }
        return null;
    }

    private static string? KMeansProblem(JobSpec spec) =>
        spec.K < 1 ? $"--k must be at least 1 (got {spec.K})"
        : spec.Algorithm == Algorithm.Elbow && (spec.KMin < 1 || spec.KMin > spec.K) ? $"--k-min must be between 1 and --k (got {spec.KMin}..{spec.K})"
        : spec.NInit < 1 ? $"--n-init must be at least 1 (got {spec.NInit})"
        : spec.Init == InitMethod.Given && spec.InitialCentroids is null ? "--init given needs --initial-centroids PATH"
        : spec.InitialCentroids is { } c && (c.Count != spec.K || c.Any(r => r.Length != spec.Columns.Count || r.Any(v => !double.IsFinite(v))))
            ? $"--initial-centroids: {spec.K} rows of {spec.Columns.Count} finite values are needed"
        : null;

    private static string? MeanShiftProblem(JobSpec spec) =>
        !(spec.Bandwidth > 0 && double.IsFinite(spec.Bandwidth)) ? $"--bandwidth must be a positive number (got {spec.Bandwidth})"
        : spec.Seeds is not null == spec.Dust > 0 ? "mean-shift needs exactly one of --dust N or --seeds PATH"
        : spec.Dust < 0 ? $"--dust must be positive (got {spec.Dust})"
        : spec.Seeds is { } s && s.Any(r => r.Length != spec.Columns.Count || r.Any(v => !double.IsFinite(v))) ? $"--seeds: each seed needs {spec.Columns.Count} finite values"
        : null;

    private static void CheckIds(PartyTable table, string idColumn)
    {
        IReadOnlyList<string> ids = table.Strings(idColumn);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int row = 0; row < ids.Count; row++)
        {
            if (ids[row].Length == 0)
            {
                throw new FormatException($"{table.Path}, row {row + 1}, column \"{idColumn}\": empty id.");
            }
            if (!seen.TryAdd(ids[row], row))
            {
                throw new FormatException($"{table.Path}, row {row + 1}, column \"{idColumn}\": duplicate id (first in row {seen[ids[row]] + 1}).");
            }
        }
    }
}
