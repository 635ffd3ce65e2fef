namespace PrivClust.Cli.Commands;

/// <summary>Which job command a set of <see cref="JobOptions"/> belongs to.</summary>
public enum JobCommandKind
{
    KMeans,
    MeanShift,
    Elbow,
    Demo,
}
