using PrivClust.Core.Arithmetic;

namespace PrivClust.Core.Clustering;

/// <summary>
/// A party's data ready to share: rows in job order (vertical: sorted by id), scaled with the joint statistics,
/// range-checked and encoded at scale f; with the public scaling to apply to given centroids or seeds.
/// </summary>
internal sealed record PreparedInput(ulong[] Encoded, double[] Scaled, int Rows, int OwnColumns, int Columns, int[] RowOrder,
    (double Offset, double Scale)[] Statistics, FixedPoint FixedPoint, double Limit)
{
    /// <summary>Encodes public points (k×d, original units) into the scaled fixed-point space.</summary>
    public ulong[]? Given(IReadOnlyList<double[]>? points)
    {
        if (points is null)
        {
            return null;
        }
        ulong[] encoded = new ulong[points.Count * Columns];
        for (int i = 0; i < points.Count; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                double scaled = (points[i][j] - Statistics[j].Offset) / Statistics[j].Scale;
                try
                {
                    encoded[i * Columns + j] = FixedPoint.Encode(scaled, Limit);
                }
                catch (FixedPointRangeException e)
                {
                    throw new InvalidJobException($"given point {i + 1}, column {j + 1}: {e.Message}");
                }
            }
        }
        return encoded;
    }

    /// <summary>Centroids from the scaled space back to original units.</summary>
    public double[][] Unscale(double[] scaled, int k) =>
        Enumerable.Range(0, k).Select(c => Enumerable.Range(0, Columns)
            .Select(j => scaled[c * Columns + j] * Statistics[j].Scale + Statistics[j].Offset).ToArray()).ToArray();
}
