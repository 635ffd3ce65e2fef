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

    /// <summary>
    /// The job's public bound on every scaled value: the declared <see cref="JobSpec.ValueBound"/>, else 1 under
    /// <see cref="Scaling.MinMax"/> (the joint minimum and maximum map to 0 and 1), else +∞ (only the safe limit applies).
    /// </summary>
    public static double Declared(JobSpec spec) =>
        spec.ValueBound > 0 ? spec.ValueBound : spec.Scale == Scaling.MinMax ? 1.0 : double.PositiveInfinity;

    /// <summary>Throws <see cref="InvalidJobException"/> naming the first column whose values exceed the limit or the declared bound.</summary>
    public static void Check(double[] values, int rows, int columns, IReadOnlyList<string> columnNames, JobSpec spec, int dimensions, string what)
    {
        double limit = Limit(spec.FractionalBits, dimensions), declared = Declared(spec);
        for (int j = 0; j < columns; j++)
        {
            double largest = 0;
            for (int i = 0; i < rows; i++)
            {
                largest = Math.Max(largest, Math.Abs(values[i * columns + j]));
            }
            if (largest > declared)
            {
                throw new InvalidJobException(string.Create(CultureInfo.InvariantCulture,
                    $"{what}, column \"{columnNames[j]}\": a value (after scaling) exceeds the declared --value-bound {declared:G6}"));
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
