using PrivClust.Core.Clustering.Plaintext;
using PrivClust.Core.Data;
using PrivClust.Plots;

namespace PrivClust.Plots.Tests;

public class PlotTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Cluster_plot_writes_a_png_and_an_svg_of_the_mall_clusters()
    {
        var mall = CsvDataset.Load(Path.Combine(AppContext.BaseDirectory, "data", "mall_customers.csv"), ["Annual Income (k$)", "Spending Score (1-100)"]);
        KMeansResult fit = PlainKMeans.Fit(mall.Values, mall.RowCount, 2, mall.Values[..10], 5);
        string folder = Directory.CreateTempSubdirectory("privclust-plot-").FullName;
        string path = Path.Combine(folder, "clusters");
        ClusterPlot.Save(path, mall.Values, mall.Columns, fit.Labels, fit.Centroids.Chunk(2).ToArray(), (0, 1), "Mall customers, k = 5");
        Assert.Equal(PngSignature, File.ReadAllBytes(path + ".png")[..8]);
        Assert.True(new FileInfo(path + ".png").Length > 10_000);
        Assert.Contains("<svg", File.ReadAllText(path + ".svg"));
    }

    [Fact]
    public void Elbow_plot_marks_the_knee()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("privclust-plot-").FullName, "elbow");
        (int, double)[] losses = [(1, 269981), (2, 183653), (3, 106348), (4, 73881), (5, 44448), (6, 38463), (7, 35483), (8, 28477)];
        ElbowPlot.Save(path, losses, 5, "Elbow");
        Assert.Equal(PngSignature, File.ReadAllBytes(path + ".png")[..8]);
        Assert.Contains("knee: k = 5", File.ReadAllText(path + ".svg"));
    }
}
