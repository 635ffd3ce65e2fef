namespace PrivClust.Cli.Demo;

/// <summary>The plaintext twin's centroids (one array per centroid) and the labels of the joint rows (a's, then b's); or why there is none.</summary>
public sealed record TwinResult(double[][]? Centroids, int[]? Labels, string? Unavailable)
{
    public static TwinResult None(string reason) => new(null, null, reason);
}
