using System.CommandLine;

namespace PrivClust.Cli.Commands;

/// <summary>
/// The job options of DESIGN §7, with the same names in <c>kmeans</c>, <c>meanshift</c>, <c>elbow</c> and <c>demo</c>.
/// Each command gets its own instances and only the options that apply to it.
/// </summary>
public sealed class JobOptions
{
    public const string MallIncome = "Annual Income (k$)";
    public const string MallSpending = "Spending Score (1-100)";

    public JobOptions(JobCommandKind kind)
    {
        Kind = kind;
        bool demo = kind == JobCommandKind.Demo;
        Columns = new("--columns")
        {
            Description = "Comma-separated columns to cluster (vertical: party a's columns, then b's)."
                + (demo ? $" Default: \"{MallIncome},{MallSpending}\"." : ""),
            Required = !demo,
        };
        Seed = new("--seed")
        {
            Description = "Public seed of the joint coin flips (first centroid, random rows, dust seeds); 0 = a fresh joint coin flip."
                + (demo ? " The demo uses 1, so that it is reproducible." : ""),
            DefaultValueFactory = _ => demo ? 1UL : 0UL,
        };
    }

    public JobCommandKind Kind { get; }

    public Option<string> Algorithm { get; } = new("--algorithm")
    {
        Description = "kmeans or meanshift.",
        DefaultValueFactory = _ => "kmeans",
    };

    public Option<FileInfo?> DataA { get; } = new("--data-a") { Description = "Party a's CSV (header row). Default: the bundled data/mall-a.csv." };
    public Option<FileInfo?> DataB { get; } = new("--data-b") { Description = "Party b's CSV (header row). Default: the bundled data/mall-b.csv." };
    public Option<string> Columns { get; }
    public Option<string> Partition { get; } = new("--partition")
    {
        Description = "horizontal (each party has rows: a's then b's) or vertical (each party has columns of the same rows, joined on --id-column).",
        DefaultValueFactory = _ => "horizontal",
    };

    public Option<string?> IdColumn { get; } = new("--id-column") { Description = "The column joining the rows of both parties (required with --partition vertical)." };
    public Option<int> K { get; } = new("--k") { Description = "Number of clusters (elbow: the largest k tried).", DefaultValueFactory = _ => 5 };
    public Option<int> KMin { get; } = new("--k-min") { Description = "Elbow: the smallest k tried.", DefaultValueFactory = _ => 1 };
    public Option<string> Init { get; } = new("--init")
    {
        Description = "Initial centroids: farthest, kmeans++, random or given (--initial-centroids).",
        DefaultValueFactory = _ => "farthest",
    };

    public Option<FileInfo?> InitialCentroids { get; } = new("--initial-centroids")
    {
        Description = "CSV of k initial centroids (header: the job's columns; original units); implies --init given.",
    };

    public Option<int> NInit { get; } = new("--n-init") { Description = "k-means restarts; the run with the lowest loss wins.", DefaultValueFactory = _ => 1 };
    public Option<double> Bandwidth { get; } = new("--bandwidth") { Description = "Mean-shift: the flat kernel's radius R (original units, or scaled units with --scale)." };
    public Option<int> Dust { get; } = new("--dust") { Description = "Mean-shift: number of seed rows drawn by joint coin flip (or use --seeds)." };
    public Option<FileInfo?> Seeds { get; } = new("--seeds") { Description = "Mean-shift: CSV of seed positions (header: the job's columns)." };
    public Option<int> MaxIter { get; } = new("--max-iter") { Description = "Maximum number of iterations.", DefaultValueFactory = _ => 300 };
    public Option<string> Scale { get; } = new("--scale")
    {
        Description = "Joint scaling before clustering: none, standard or minmax (reveals the per-column statistics).",
        DefaultValueFactory = _ => "none",
    };

    public Option<int> FractionalBits { get; } = new("--fractional-bits")
    {
        Description = "Fixed-point fractional bits (4..28).",
        DefaultValueFactory = _ => Core.Arithmetic.FixedPoint.DefaultFractionalBits,
    };

    public Option<double> ValueBound { get; } = new("--value-bound")
    {
        Description = "A public bound B on every clustered value after scaling (|v| ≤ B; --scale minmax implies 1). Each party checks its rows; mean-shift's window tests then run on fewer bits. Default: none.",
    };

    public Option<ulong> Seed { get; }
    public Option<string?> Reveal { get; } = new("--reveal") { Description = "Extra outputs to reveal, comma-separated: sizes, inertia (both parties' policies must allow them). Default: none." };
    public Option<DirectoryInfo?> Out { get; } = new("--out")
    {
        Description = "Write the result here (must not exist or be empty): result.json (version 1), the labels CSV(s) and the plots (clusters.png/.svg; elbow: elbow.png/.svg).",
    };

    public Option<FileInfo?> Data { get; } = new("--data")
    {
        Description = "This party's own CSV, read locally only to draw its rows in clusters.png (with --out); without it the plot shows the centroids only.",
    };

    public Option<string?> PlotColumns { get; } = new("--plot-columns")
    {
        Description = "The two columns of clusters.png, \"x,y\". Default: the first two job columns the plotted rows have.",
    };

    /// <summary>Adds the options that apply to this kind of command.</summary>
    public void AddTo(Command command)
    {
        bool demo = Kind == JobCommandKind.Demo;
        bool kmeans = Kind is JobCommandKind.KMeans or JobCommandKind.Elbow || demo;
        bool meanShift = Kind == JobCommandKind.MeanShift || demo;
        Add(command, demo, Algorithm, DataA, DataB);
        Add(command, true, Columns, Partition, IdColumn);
        Add(command, kmeans, K);
        Add(command, Kind == JobCommandKind.Elbow, KMin);
        Add(command, kmeans, Init);
        Add(command, kmeans && Kind != JobCommandKind.Elbow, InitialCentroids);
        Add(command, kmeans, NInit);
        Add(command, meanShift, Bandwidth, Dust, Seeds);
        Add(command, true, MaxIter, Scale, FractionalBits, ValueBound, Seed, Reveal, Out);
        Add(command, !demo, Data);
        Add(command, true, PlotColumns);
    }

    private static void Add(Command command, bool when, params Option[] options)
    {
        if (when)
        {
            foreach (Option option in options)
            {
                command.Options.Add(option);
            }
        }
    }
}
