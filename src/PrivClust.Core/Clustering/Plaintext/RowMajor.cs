namespace PrivClust.Core.Clustering.Plaintext;

/// <summary>
/// Small helpers on row-major matrices stored as a flat <see cref="double"/> span:
/// element (i, j) of an (rows × cols) matrix is at index <c>i * cols + j</c>.
/// </summary>
internal static class RowMajor
{
    /// <summary>Checks that <paramref name="values"/> holds a finite rows × cols matrix.</summary>
    public static void CheckMatrix(ReadOnlySpan<double> values, int rows, int cols, string name, int minRows = 1)
    {
        if (rows < minRows)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} needs at least {minRows} row(s), got {rows}.");
        }
        if (cols < 1)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} needs at least 1 column, got {cols}.");
        }
        if (values.Length != (long)rows * cols)
        {
            throw new ArgumentException($"{name} has {values.Length} values, expected {rows}×{cols} = {(long)rows * cols}.", name);
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i / cols}, {i % cols}] is not finite ({values[i]}).", name);
            }
        }
    }

    /// <summary>Row <paramref name="row"/> of a matrix with <paramref name="cols"/> columns.</summary>
    public static ReadOnlySpan<double> Row(ReadOnlySpan<double> values, int row, int cols) => values.Slice(row * cols, cols);

    /// <summary>Σ_j (a_j − b_j)², summed in column order.</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int j = 0; j < a.Length; j++)
        {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }

    /// <summary>
    /// Index of the centre nearest to <paramref name="x"/> by exact squared distance; ties go to the
    /// smallest index (numpy argmin).
    /// </summary>
    public static int Nearest(ReadOnlySpan<double> x, ReadOnlySpan<double> centres, int count)
    {
        int d = x.Length;
        int best = 0;
        double bestDistance = SquaredDistance(x, Row(centres, 0, d));
        for (int c = 1; c < count; c++)
        {
            double dist = SquaredDistance(x, Row(centres, c, d));
            if (dist < bestDistance)
            {
                best = c;
                bestDistance = dist;
            }
        }
        return best;
    }

    /// <summary>labels[i] = <see cref="Nearest"/> for every row of <paramref name="data"/>.</summary>
    public static int[] NearestLabels(ReadOnlySpan<double> data, int n, int d, ReadOnlySpan<double> centres, int count)
    {
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = Nearest(Row(data, i, d), centres, count);
        }
        return labels;
    }
}
