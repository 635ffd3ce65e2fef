namespace PrivClust.Core.Tests.Support;

/// <summary>Statistical checks of opened values that are meant to be uniformly masked.</summary>
internal static class Uniformity
{
    /// <summary>
    /// Asserts that values uniform in [0, 2^<paramref name="bits"/>) look so: the chi-square of their top 8 bits over 256
    /// bins stays below 330 (255 degrees of freedom: P ≈ 0.001), and none repeats (no mask was reused).
    /// </summary>
    public static void AssertUniformAndDistinct(IReadOnlyCollection<ulong> values, int bits, ulong seed)
    {
        var bins = new long[256];
        foreach (ulong v in values)
        {
            Assert.True(bits == 64 || v < 1UL << bits, $"seed {seed}: {v} has bits above {bits}");
            bins[v >> (bits - 8)]++;
        }
        double expected = values.Count / 256.0, chi2 = bins.Sum(b => (b - expected) * (b - expected) / expected);
        Assert.True(chi2 < 330, $"chi-square {chi2:F1} over {values.Count} openings (seed {seed})");
        Assert.Equal(values.Count, values.Distinct().Count());
    }
}
