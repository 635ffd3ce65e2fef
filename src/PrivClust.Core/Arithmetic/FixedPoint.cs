namespace PrivClust.Core.Arithmetic;

/// <summary>
/// Fixed-point encoding in Z_2^64 with <see cref="FractionalBits"/> fractional bits: a real v is the ring
/// element round(v · 2^f) in two's complement. Scales used in the protocols:
/// <list type="bullet">
/// <item>scale f: data, centroids, sums of data;</item>
/// <item>scale 2f: products of two scale-f values (distances, dot products) before truncation;</item>
/// <item>scale 0 (integer): counts, one-hot indicators, comparison results.</item>
/// </list>
/// The safe range of any ring value that is truncated or extended is |x| &lt; 2^62 (<see cref="SafeRawLimit"/>);
/// the encoder rejects inputs whose scaled magnitude is at or above a caller's limit, by default the safe range.
/// </summary>
public readonly record struct FixedPoint
{
    public const int DefaultFractionalBits = 16;

    /// <summary>Raw magnitudes below 2^62 can be truncated and extended exactly.</summary>
    public const double SafeRawLimit = 4611686018427387904.0;

    /// <summary>The default encoding, 16 fractional bits.</summary>
    public FixedPoint() : this(DefaultFractionalBits)
    {
    }

    public FixedPoint(int fractionalBits)
    {
        if (fractionalBits is < 0 or > 40)
        {
            throw new ArgumentOutOfRangeException(nameof(fractionalBits), fractionalBits, "Fractional bits must be between 0 and 40.");
        }
        FractionalBits = fractionalBits;
    }

    public int FractionalBits { get; }

    /// <summary>2^f, the value of one unit of the last place in scale f.</summary>
    public double Scale => Math.ScaleB(1.0, FractionalBits);

    /// <summary>The fixed-point step 2^-f.</summary>
    public double Step => Math.ScaleB(1.0, -FractionalBits);

    /// <summary>The largest magnitude, in real units, whose encoding stays inside the safe range.</summary>
    public double MaxEncodable => SafeRawLimit / Scale;

    public ulong Encode(double value) => Encode(value, MaxEncodable);

    /// <summary>Encodes <paramref name="value"/>, rejecting NaN, infinities and |value| ≥ <paramref name="maxAbs"/>.</summary>
    public ulong Encode(double value, double maxAbs)
    {
        if (double.IsNaN(value))
        {
            throw new FixedPointRangeException(value, maxAbs, "not a number");
        }
        if (double.IsInfinity(value))
        {
            throw new FixedPointRangeException(value, maxAbs, "infinite value");
        }
        if (Math.Abs(value) >= maxAbs || Math.Abs(value) >= MaxEncodable)
        {
            throw new FixedPointRangeException(value, Math.Min(maxAbs, MaxEncodable), "value outside the fixed-point safe range");
        }
        return unchecked((ulong)(long)Math.Round(value * Scale, MidpointRounding.ToEven));
    }

    public void Encode(ReadOnlySpan<double> values, Span<ulong> destination)
    {
        for (int i = 0; i < values.Length; i++)
        {
            destination[i] = Encode(values[i]);
        }
    }

    /// <summary>Decodes a scale-f ring element.</summary>
    public double Decode(ulong raw) => Decode(raw, FractionalBits);

    /// <summary>Decodes a ring element of the given scale (e.g. 2f for an untruncated product).</summary>
    public static double Decode(ulong raw, int scaleBits) => Math.ScaleB((double)unchecked((long)raw), -scaleBits);

    public void Decode(ReadOnlySpan<ulong> raw, Span<double> destination)
    {
        for (int i = 0; i < raw.Length; i++)
        {
            destination[i] = Decode(raw[i]);
        }
    }
}
