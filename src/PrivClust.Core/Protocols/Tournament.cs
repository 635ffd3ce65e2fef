namespace PrivClust.Core.Protocols;

/// <summary>
/// One-hot argmin / argmax by a tournament, for many independent segments at once (e.g. n rows × k
/// distances, or one segment of n values). Each level compares neighbouring groups (one batched comparison,
/// 8 rounds) and selects the winner's value and one-hot block (one batched product, 1 round):
/// ⌈log2 width⌉ · 9 rounds. Ties go to the lower index, as numpy's argmin/argmax.
/// </summary>
public static class Tournament
{
    /// <summary>One-hot (segments×width, 0/1 shares) of each segment's minimum, and the minimum itself.</summary>
    public static void ArgMin(PartySession session, ReadOnlySpan<ulong> values, int segments, int width, Span<ulong> oneHot, Span<ulong> extreme) =>
        Run(session, values, segments, width, maximum: false, oneHot, extreme);

    /// <summary>One-hot (segments×width, 0/1 shares) of each segment's maximum, and the maximum itself.</summary>
    public static void ArgMax(PartySession session, ReadOnlySpan<ulong> values, int segments, int width, Span<ulong> oneHot, Span<ulong> extreme) =>
        Run(session, values, segments, width, maximum: true, oneHot, extreme);

    private static void Run(PartySession session, ReadOnlySpan<ulong> values, int segments, int width, bool maximum, Span<ulong> oneHot, Span<ulong> extreme)
    {
        if (width < 1 || values.Length != segments * width || oneHot.Length != values.Length || extreme.Length != segments)
        {
            throw new ArgumentException($"Tournament over {segments}×{width} got {values.Length} values, {oneHot.Length} one-hot, {extreme.Length} extremes.");
        }
        ulong one = session.IsParty0 ? 1UL : 0UL;
        ulong[] v = values.ToArray();
        oneHot.Fill(one);
        for (int block = 1, groups = width; groups > 1; block *= 2, groups = (groups + 1) / 2)
        {
            v = Level(session, v, segments, width, groups, block, maximum, oneHot);
        }
        v.CopyTo(extreme);
    }

    /// <summary>One level: groups of <paramref name="block"/> positions are paired; returns the winners' values.</summary>
    private static ulong[] Level(PartySession session, ulong[] v, int segments, int width, int groups, int block, bool maximum, Span<ulong> oneHot)
    {
        int pairs = groups / 2;
        ulong[] diff = new ulong[segments * pairs];
        for (int s = 0; s < segments; s++)
        {
            for (int j = 0; j < pairs; j++)
            {
                ulong left = v[s * groups + 2 * j], right = v[s * groups + 2 * j + 1];
                diff[s * pairs + j] = maximum ? left - right : right - left;
            }
        }
        ulong[] leftWins = new ulong[diff.Length];
        Comparison.LessThanZero<ulong>(session, diff, leftWins);
        Selection.Not(session, leftWins, leftWins);

        bool publicUnits = block == 1;
        int paired = Math.Min(width, 2 * pairs * block);
        int perSegment = pairs + (publicUnits ? 0 : paired);
        ulong[] x = new ulong[segments * perSegment], y = new ulong[x.Length];
        for (int s = 0; s < segments; s++)
        {
            int at = s * perSegment;
            for (int j = 0; j < pairs; j++)
            {
                ulong b = leftWins[s * pairs + j];
                x[at] = b;
                y[at++] = v[s * groups + 2 * j] - v[s * groups + 2 * j + 1];
                if (!publicUnits)
                {
                    int end = Math.Min(width, (2 * j + 2) * block);
                    for (int p = 2 * j * block; p < end; p++, at++)
                    {
                        x[at] = b;
                        y[at] = oneHot[s * width + p];
                    }
                }
            }
        }
        ulong[] product = new ulong[x.Length];
        Multiplication.Multiply<ulong>(session, x, y, product);

        int nextGroups = (groups + 1) / 2;
        ulong[] next = new ulong[segments * nextGroups];
        ulong one = session.IsParty0 ? 1UL : 0UL;
        for (int s = 0; s < segments; s++)
        {
            int at = s * perSegment;
            for (int j = 0; j < pairs; j++)
            {
                ulong b = leftWins[s * pairs + j];
                next[s * nextGroups + j] = v[s * groups + 2 * j + 1] + product[at++];
                int mid = Math.Min(width, (2 * j + 1) * block), end = Math.Min(width, (2 * j + 2) * block);
                for (int p = 2 * j * block; p < end; p++)
                {
                    ref ulong h = ref oneHot[s * width + p];
                    ulong chosen = publicUnits ? (p < mid ? b : one - b) : (p < mid ? product[at] : h - product[at]);
                    h = chosen;
                    if (!publicUnits)
                    {
                        at++;
                    }
                }
            }
            if (groups % 2 == 1)
            {
                next[s * nextGroups + pairs] = v[s * groups + groups - 1];
            }
        }
        return next;
    }
}
