using System.Globalization;

namespace PrivClust.Core.Clustering;

/// <summary>
/// The largest magnitude (after scaling, in data units) a job can hold without ever leaving the ring's safe
/// range: squared distances at scale 2f need 4·d·M²·2^(2f) &lt; 2^62, and quotients of the secure division
/// need M·2^f &lt; 2^32. Each party checks its own data before anything is shared.
/// </summary>
internal static class RangeGuard
{
    public static double Limit(int fractionalBits, int dimensions)
    {
        double distanceLimit = Math.ScaleB(1.0, 30 - fractionalBits) / Math.Sqrt(dimensions);
        double divisionLimit = Math.ScaleB(1.0, Protocols.Division.QuotientBits - 1 - fractionalBits);
        return Math.Min(distanceLimit, divisionLimit);
    }

    /// <summary>Throws <see cref="InvalidJobException"/> naming the first column whose values exceed the limit.</summary>
    public static void Check(double[] values, int rows, int columns, IReadOnlyList<string> columnNames, JobSpec spec, int dimensions, string what)
    {
        double limit = Limit(spec.FractionalBits, dimensions);
        for (int j = 0; j < columns; j++)
        {
            double largest = 0;
            for (int i = 0; i < rows; i++)
            {
                largest = Math.Max(largest, Math.Abs(values[i * columns + j]));
            }
            if (largest >= limit)
            {
                string hint = spec.Scale == Scaling.None ? "use --scale standard or fewer --fractional-bits" : "use fewer --fractional-bits";
                throw new InvalidJobException(string.Create(CultureInfo.InvariantCulture,
                    $"{what}, column \"{columnNames[j]}\": magnitude {largest:G6} exceeds the safe limit {limit:G6} for {spec.FractionalBits} fractional bits and d = {dimensions}: {hint}"));
            }
        }
    }
}
