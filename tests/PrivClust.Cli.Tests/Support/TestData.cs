using System.Globalization;
using System.Text;

namespace PrivClust.Cli.Tests.Support;

/// <summary>Data for the tests: the bundled Mall split (copied next to the tests), optionally with two more columns x, y of blobs in [0,1]².</summary>
public static class TestData
{
    public const string Income = "Annual Income (k$)";
    public const string Spending = "Spending Score (1-100)";

    public static string MallPath(char party) => Path.Combine(AppContext.BaseDirectory, "data", $"mall-{party}.csv");

    /// <summary>The party's Mall rows with columns x, y appended: three blobs in the unit square, reproducible per party.</summary>
    public static string MallWithUnitSquare(char party)
    {
        string[] lines = File.ReadAllLines(MallPath(party));
        var random = new Random(party);
        (double X, double Y)[] centres = [(0.2, 0.2), (0.8, 0.3), (0.5, 0.8)];
        var csv = new StringBuilder(lines[0] + ",x,y\n");
        for (int i = 1; i < lines.Length; i++)
        {
            (double cx, double cy) = centres[random.Next(centres.Length)];
            csv.Append(lines[i]).Append(',').Append(Coordinate(cx, random)).Append(',').Append(Coordinate(cy, random)).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>Uniform points in the unit square (a job with no structure takes many iterations).</summary>
    public static string UniformSquare(int rows, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("x,y\n");
        for (int i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{random.NextDouble():0.0000},{random.NextDouble():0.0000}\n");
        }
        return csv.ToString();
    }

    private static string Coordinate(double centre, Random random)
    {
        double noise = 0.06 * (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
        return Math.Clamp(centre + noise, 0, 1).ToString("0.0000", CultureInfo.InvariantCulture);
    }
}
