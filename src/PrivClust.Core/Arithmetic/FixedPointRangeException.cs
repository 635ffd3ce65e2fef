namespace PrivClust.Core.Arithmetic;

/// <summary>A value cannot be encoded in fixed point: NaN, infinite, or outside the safe range.</summary>
public sealed class FixedPointRangeException : Exception
{
    public FixedPointRangeException(double value, double limit, string reason)
        : base($"{reason} (value {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}, limit ±{limit.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)})")
    {
        Value = value;
        Limit = limit;
    }

    public double Value { get; }

    public double Limit { get; }
}
