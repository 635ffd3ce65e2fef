using System.CommandLine;
using PrivClust.Core.Clustering;

namespace PrivClust.Cli.Commands;

/// <summary>
/// Turns a job command's options into a <see cref="JobSpec"/>, checking everything that can be checked without
/// the data (the daemons check the rest against the data's shape). Errors are <see cref="UsageException"/>s naming the option.
/// </summary>
public static class JobSpecBuilder
{
    public static JobSpec Build(ParseResult result, JobOptions options)
    {
        string[] columns = ColumnList(result, options);
        Algorithm algorithm = options.Kind switch
        {
            JobCommandKind.KMeans => Algorithm.KMeans,
            JobCommandKind.MeanShift => Algorithm.MeanShift,
            JobCommandKind.Elbow => Algorithm.Elbow,
            _ => Choice(result, options.Algorithm, ("kmeans", Algorithm.KMeans), ("meanshift", Algorithm.MeanShift)),
        };
        var spec = new JobSpec
        {
            Algorithm = algorithm,
            Columns = columns,
            Partition = Choice(result, options.Partition, ("horizontal", Partition.Horizontal), ("vertical", Partition.Vertical)),
            IdColumn = NullIfEmpty(result.GetValue(options.IdColumn)),
            MaxIter = result.GetValue(options.MaxIter),
            Scale = Choice(result, options.Scale, ("none", Scaling.None), ("standard", Scaling.Standard), ("minmax", Scaling.MinMax)),
            FractionalBits = result.GetValue(options.FractionalBits),
            ValueBound = result.GetValue(options.ValueBound),
            Seed = result.GetValue(options.Seed),
            Reveal = Reveal(result.GetValue(options.Reveal)),
        };
        spec = algorithm == Algorithm.MeanShift ? WithMeanShift(spec, result, options) : WithKMeans(spec, result, options);
        Validate(spec);
        return spec;
    }

    /// <summary>Runs Core's <see cref="JobValidation"/> with a shape as permissive as possible (the real one is known only to the daemons).</summary>
    private static void Validate(JobSpec spec)
    {
        const int rows = (1 << Core.Protocols.Division.CountBits) - 2;
        int d = spec.Columns.Count;
        JobShape shape = spec.Partition == Partition.Horizontal ? new JobShape(rows / 2, rows / 2, d, d) : new JobShape(rows, rows, d, 0);
        try
        {
            JobValidation.Validate(spec, shape);
        }
        catch (InvalidJobException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static JobSpec WithKMeans(JobSpec spec, ParseResult result, JobOptions options)
    {
        FileInfo? given = options.Kind == JobCommandKind.Elbow ? null : result.GetValue(options.InitialCentroids);
        bool initSet = result.GetResult(options.Init) is { Implicit: false };
        InitMethod init = given is not null && !initSet ? InitMethod.Given
            : Choice(result, options.Init, ("farthest", InitMethod.Farthest), ("kmeans++", InitMethod.KMeansPlusPlus), ("random", InitMethod.Random), ("given", InitMethod.Given));
        if (given is not null && init != InitMethod.Given)
        {
            throw new UsageException($"--initial-centroids goes with --init given, not --init {result.GetValue(options.Init)}");
        }
        if (options.Kind == JobCommandKind.Elbow && init == InitMethod.Given)
        {
            throw new UsageException("--init given does not apply to elbow (each k needs its own centroids): use farthest, kmeans++ or random");
        }
        return spec with
        {
            K = result.GetValue(options.K),
            KMin = options.Kind == JobCommandKind.Elbow ? result.GetValue(options.KMin) : 1,
            Init = init,
            InitialCentroids = given is null ? null : RowsFile.Load(given, "--initial-centroids", spec.Columns),
            NInit = result.GetValue(options.NInit),
        };
    }

    private static JobSpec WithMeanShift(JobSpec spec, ParseResult result, JobOptions options)
    {
        if (result.GetResult(options.Bandwidth) is null or { Implicit: true })
        {
            throw new UsageException("--bandwidth R is required for mean-shift");
        }
        int dust = result.GetValue(options.Dust);
        if (dust < 0)
        {
            throw new UsageException($"--dust must be at least 1 (got {dust})");
        }
        FileInfo? seeds = result.GetValue(options.Seeds);
        return spec with
        {
            Bandwidth = result.GetValue(options.Bandwidth),
            Dust = dust,
            Seeds = seeds is null ? null : RowsFile.Load(seeds, "--seeds", spec.Columns),
        };
    }

    private static string[] ColumnList(ParseResult result, JobOptions options)
    {
        string? text = result.GetValue(options.Columns);
        if (text is null && options.Kind == JobCommandKind.Demo)
        {
            return [JobOptions.MallIncome, JobOptions.MallSpending];
        }
        string[] columns = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (columns.Any(c => c.Length == 0))
        {
            throw new UsageException($"--columns: \"{text}\" has an empty column name (use c1,c2,...)");
        }
        return columns;
    }

    private static RevealPolicy Reveal(string? text)
    {
        var reveal = RevealPolicy.None;
        foreach (string item in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            reveal |= item.ToLowerInvariant() switch
            {
                "sizes" => RevealPolicy.Sizes,
                "inertia" => RevealPolicy.Inertia,
                _ => throw new UsageException($"--reveal: unknown output \"{item}\" (sizes, inertia)"),
            };
        }
        return reveal;
    }

    private static T Choice<T>(ParseResult result, Option<string> option, params (string Name, T Value)[] choices)
    {
        string value = result.GetValue(option) ?? "";
        foreach ((string name, T choice) in choices)
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }
        throw new UsageException($"{option.Name}: \"{value}\" is not one of {string.Join(", ", choices.Select(c => c.Name))}");
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
