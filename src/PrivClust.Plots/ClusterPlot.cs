using ScottPlot;

namespace PrivClust.Plots;

/// <summary>
/// <c>clusters.png</c> / <c>.svg</c>: a party's own rows coloured by cluster, with the centroids marked, on two of
/// the job's columns (the first two unless chosen). Only what the party already holds: its rows, its labels and
/// the public centroids.
/// </summary>
public static class ClusterPlot
{
    /// <param name="rows">This party's rows, row-major with <paramref name="columns"/>.Count columns (original units).</param>
    /// <param name="labels">The cluster of each row, or null to draw the rows in one colour.</param>
    /// <param name="axes">Indexes of the two columns to draw.</param>
    public static void Save(string pathWithoutExtension, double[] rows, IReadOnlyList<string> columns, int[]? labels,
        double[][] centroids, (int X, int Y) axes, string title)
    {
        int d = columns.Count, n = d == 0 ? 0 : rows.Length / d;
        var plot = new Plot();
        int clusters = centroids.Length;
        for (int c = 0; c < Math.Max(clusters, 1); c++)
        {
            int[] members = Enumerable.Range(0, n).Where(i => labels is null ? c == 0 : labels[i] == c).ToArray();
            if (members.Length == 0)
            {
                continue;
            }
            var points = plot.Add.ScatterPoints(members.Select(i => rows[i * d + axes.X]).ToArray(), members.Select(i => rows[i * d + axes.Y]).ToArray());
            points.Color = Palette(c);
            points.MarkerSize = 6;
            points.LegendText = labels is null ? "rows" : $"cluster {c} ({members.Length})";
        }
        for (int c = 0; c < clusters; c++)
        {
            // A black cross with the cluster's colour inside: visible on any background, matched to its rows.
            foreach ((Color color, float size, float width) in new[] { (Colors.Black, 20f, 6f), (Palette(c), 16f, 3f) })
            {
                var mark = plot.Add.ScatterPoints(new[] { centroids[c][axes.X] }, new[] { centroids[c][axes.Y] });
                (mark.Color, mark.MarkerShape, mark.MarkerSize, mark.MarkerLineWidth) = (color, MarkerShape.Cross, size, width);
                mark.LegendText = c == 0 && color == Colors.Black ? "centroids" : "";
            }
        }
        plot.Title(title);
        plot.XLabel(columns[axes.X]);
        plot.YLabel(columns[axes.Y]);
        plot.ShowLegend(Edge.Right); // beside the data, never over it
        Write(plot, pathWithoutExtension);
    }

    internal static void Write(Plot plot, string pathWithoutExtension)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(pathWithoutExtension));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        plot.SavePng(pathWithoutExtension + ".png", 900, 650);
        plot.SaveSvg(pathWithoutExtension + ".svg", 900, 650);
    }

    private static Color Palette(int index) => new ScottPlot.Palettes.Category10().GetColor(index);
}
