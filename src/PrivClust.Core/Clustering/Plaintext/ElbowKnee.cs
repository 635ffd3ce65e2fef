namespace PrivClust.Core.Clustering.Plaintext;

/// <summary>
/// Finds the knee ("elbow") of a k-means loss curve: losses for k = kMin, kMin+1, …, kMax.
/// </summary>
/// <remarks>
/// Method (Kneedle's difference curve for a convex decreasing curve, Satopää et al. 2011, without its
/// sensitivity threshold): normalise k to x ∈ [0, 1] and the losses to y ∈ [0, 1] by min–max; draw the
/// chord from the first point to the last; the knee is the k whose point lies farthest below the chord
/// (largest chord(x) − y; the perpendicular distance is proportional to it). Ties go to the smallest k.
/// There is no knee when there are fewer than 3 losses, all losses are equal, or no point lies below the
/// chord by more than <see cref="Epsilon"/> (e.g. a straight line, up to rounding, or a concave curve).
/// </remarks>
public static class ElbowKnee
{
    /// <summary>A point must lie this far below the chord (normalised units) to be a knee candidate.</summary>
    public const double Epsilon = 1e-12;

    /// <summary>The k at the knee, or null when the curve has none (see the remarks).</summary>
    /// <param name="kMin">The k of <c>losses[0]</c>.</param>
    /// <param name="losses">Finite losses (e.g. inertia) for k = kMin, kMin+1, ….</param>
    public static int? FindKnee(int kMin, IReadOnlyList<double> losses)
    {
        double[] distances = ChordDistances(losses);
        int best = -1;
        for (int i = 0; i < distances.Length; i++)
        {
            if (distances[i] > Epsilon && (best < 0 || distances[i] > distances[best]))
            {
                best = i;
            }
        }
        return best < 0 ? null : kMin + best;
    }

    /// <summary>
    /// For each point, chord(x) − y on the normalised curve (positive below the chord); all zeros when the
    /// curve has fewer than 3 points or is flat.
    /// </summary>
    /// <param name="losses">Finite losses for consecutive k.</param>
    public static double[] ChordDistances(IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        int m = losses.Count;
        var distances = new double[m];
        for (int i = 0; i < m; i++)
        {
            if (!double.IsFinite(losses[i]))
            {
                throw new ArgumentException($"Loss {i} is not finite ({losses[i]}).", nameof(losses));
            }
        }
        if (m < 3)
        {
            return distances;
        }
        double min = losses.Min();
        double range = losses.Max() - min;
        if (range == 0)
        {
            return distances;
        }
        double first = (losses[0] - min) / range;
        double last = (losses[m - 1] - min) / range;
        for (int i = 1; i < m - 1; i++) // the chord's end points are 0 by definition
        {
            double x = (double)i / (m - 1);
            double chord = first + (last - first) * x;
            distances[i] = chord - (losses[i] - min) / range;
        }
        return distances;
    }
}
