using ScottPlot;

namespace PrivClust.Plots;

/// <summary><c>elbow.png</c> / <c>.svg</c>: the k-means loss for each k, with the knee marked.</summary>
public static class ElbowPlot
{
    public static void Save(string pathWithoutExtension, IReadOnlyList<(int K, double Loss)> losses, int? knee, string title)
    {
        var plot = new Plot();
        var line = plot.Add.Scatter(losses.Select(l => (double)l.K).ToArray(), losses.Select(l => l.Loss).ToArray());
        line.LegendText = "loss (inertia)";
        line.MarkerSize = 8;
        if (knee is int k && losses.Any(l => l.K == k))
        {
            double loss = losses.First(l => l.K == k).Loss;
            var mark = plot.Add.ScatterPoints(new[] { (double)k }, new[] { loss });
            mark.Color = Colors.Red;
            mark.MarkerSize = 16;
            mark.MarkerShape = MarkerShape.OpenCircle;
            mark.MarkerLineWidth = 3;
            mark.LegendText = $"knee: k = {k}";
            plot.Add.VerticalLine(k, 1, Colors.Red.WithAlpha(0.4), LinePattern.Dashed);
        }
        plot.Title(title);
        plot.XLabel("k");
        plot.YLabel("loss");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.ShowLegend(Alignment.UpperRight);
        ClusterPlot.Write(plot, pathWithoutExtension);
    }
}
