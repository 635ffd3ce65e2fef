namespace PrivClust.Core.Benchmarks;

/// <summary>Reproducible synthetic data for benchmarks: Gaussian blobs and points in the unit square.</summary>
public static class SyntheticData
{
    /// <summary>n×d row-major points around <paramref name="centres"/> centres drawn in [−10, 10]^d, unit standard deviation.</summary>
    public static double[] Blobs(int n, int d, int centres, int seed)
    {
        var rng = new System.Random(seed);
        double[] c = Enumerable.Range(0, centres * d).Select(_ => rng.NextDouble() * 20 - 10).ToArray();
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            int which = rng.Next(centres);
            for (int j = 0; j < d; j++)
            {
                x[i * d + j] = Math.Round(c[which * d + j] + Gaussian(rng), 4);
            }
        }
        return x;
    }

    /// <summary>n points in [0, 1]² around <paramref name="centres"/> centres, standard deviation <paramref name="spread"/>, clipped.</summary>
    public static double[] UnitSquare(int n, int centres, double spread, int seed)
    {
        var rng = new System.Random(seed);
        double[] c = Enumerable.Range(0, centres * 2).Select(_ => 0.1 + 0.8 * rng.NextDouble()).ToArray();
        double[] x = new double[n * 2];
        for (int i = 0; i < n; i++)
        {
            int which = rng.Next(centres);
            for (int j = 0; j < 2; j++)
            {
                x[i * 2 + j] = Math.Round(Math.Clamp(c[which * 2 + j] + spread * Gaussian(rng), 0, 1), 4);
            }
        }
        return x;
    }

    private static double Gaussian(System.Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
