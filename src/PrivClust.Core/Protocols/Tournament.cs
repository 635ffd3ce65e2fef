namespace PrivClust.Core.Protocols;

/// <summary>
/// One-hot argmin / argmax by a tournament, for many independent segments at once (n rows × k distances, or
/// one segment of n values). Each level compares neighbouring groups (a batched comparison to binary bits),
/// then in ONE round selects the winners' values (bit × value products straight from the binary comparison
/// bits, no B2A) and extends every position's path bit with AND gates on packed bits: the one-hot of a
/// position is the AND of "my side won" over the levels. One final B2A turns the path bits into the one-hot.
/// ⌈log2 width⌉ · (comparison + 1) + 1 rounds; per level one comparison and one bit product (8 bytes and a bit)
/// per pair, and one AND bit per position. Ties go to the lower index.
/// </summary>
public static class Tournament
{
    /// <summary>One-hot (segments×width, 0/1 shares) of each segment's minimum, and the minimum itself.</summary>
    public static void ArgMin(PartySession session, ReadOnlySpan<ulong> values, int segments, int width, Span<ulong> oneHot, Span<ulong> extreme) =>
        Run(session, values, segments, width, maximum: false, oneHot, extreme);

    /// <summary>One-hot (segments×width, 0/1 shares) of each segment's maximum, and the maximum itself.</summary>
    public static void ArgMax(PartySession session, ReadOnlySpan<ulong> values, int segments, int width, Span<ulong> oneHot, Span<ulong> extreme) =>
        Run(session, values, segments, width, maximum: true, oneHot, extreme);

    /// <summary>
    /// The one-hot of each segment's minimum as binary shares packed in row-major order (segments×width bits),
    /// and the minimum itself: the tournament without the final B2A, for callers that work on the bits. With an empty
    /// <paramref name="extreme"/> the minimum is not wanted, and the last level selects nothing (a bit product per
    /// segment less: 8 bytes per party and 16 from the dealer).
    /// </summary>
    public static ulong[] ArgMinBits(PartySession session, ReadOnlySpan<ulong> values, int segments, int width, Span<ulong> extreme) =>
        PathBits(session, values, segments, width, maximum: false, extreme);

    private static void Run(PartySession session, ReadOnlySpan<ulong> values, int segments, int width, bool maximum, Span<ulong> oneHot, Span<ulong> extreme)
    {
        if (oneHot.Length != values.Length)
        {
            throw new ArgumentException($"Tournament over {segments}×{width} got {oneHot.Length} one-hot outputs for {values.Length} values.");
        }
        ulong[] path = PathBits(session, values, segments, width, maximum, extreme);
        if (width == 1)
        {
            oneHot.Fill(session.IsParty0 ? 1UL : 0UL);
        }
        else
        {
            Comparison.BitsToArithmetic<ulong>(session, path, oneHot);
        }
    }

    private static ulong[] PathBits(PartySession session, ReadOnlySpan<ulong> values, int segments, int width, bool maximum, Span<ulong> extreme)
    {
        if (width < 1 || values.Length != segments * width || extreme.Length != segments && !extreme.IsEmpty)
        {
            throw new ArgumentException($"Tournament over {segments}×{width} got {values.Length} values and {extreme.Length} extremes.");
        }
        ReadOnlySpan<ulong> v = values;
        // Path bits, one per (segment, position), packed in row-major order; all start as the public 1.
        ulong[] path = new ulong[PackedBits.Words(segments * width)];
        if (session.IsParty0)
        {
            Array.Fill(path, ulong.MaxValue);
        }
        for (int block = 1, groups = width; groups > 1; block *= 2, groups = (groups + 1) / 2)
        {
            bool select = groups > 2 || !extreme.IsEmpty;
            v = Level(session, v, path, segments, width, groups, block, maximum, select);
        }
        if (!extreme.IsEmpty)
        {
            v.CopyTo(extreme);
        }
        return path;
    }

    /// <summary>
    /// One level: groups of <paramref name="block"/> positions are paired; returns the winners' values, or (without
    /// <paramref name="select"/>, in the last level when the extreme is not wanted) nothing.
    /// </summary>
    private static ulong[] Level(PartySession session, ReadOnlySpan<ulong> v, ulong[] path, int segments, int width, int groups, int block, bool maximum, bool select)
    {
        int pairs = groups / 2, count = segments * pairs;
        using var arithmetic = new PooledBuffer<ulong>(3 * count);
        Span<ulong> diff = arithmetic.Span[..count], leftMinusRight = arithmetic.Span.Slice(count, count);
        Span<ulong> selected = arithmetic.Span.Slice(2 * count, count);
        for (int s = 0; s < segments; s++)
        {
            for (int j = 0; j < pairs; j++)
            {
                ulong left = v[s * groups + 2 * j], right = v[s * groups + 2 * j + 1];
                diff[s * pairs + j] = maximum ? left - right : right - left;
                if (select)
                {
                    leftMinusRight[s * pairs + j] = left - right;
                }
            }
        }
        // leftWins = [diff ≥ 0]: the left group wins ties.
        ulong[] leftWins = Comparison.AtLeastZeroBits(session, diff);

        // Each position in a paired block takes its side's bit: b for the left block, ¬b for the right.
        int paired = Math.Min(width, 2 * pairs * block);
        int words = PackedBits.Words(segments * paired);
        using var packed = new PooledBuffer<ulong>(3 * words);
        packed.Span.Clear();
        Span<ulong> side = packed.Span[..words], current = packed.Span.Slice(words, words), extended = packed.Span[(2 * words)..];
        TournamentPaths.Spread(leftWins, path, segments, width, pairs, paired, block, session.IsParty0, side, current);
        if (block == 1)
        {
            if (select)
            {
                BitProducts.Multiply(session, leftWins, leftMinusRight, selected);
            }
            extended = side;                       // the path was the public 1: 1 ∧ side = side
        }
        else if (select)
        {
            CombinedRound.BitProductAndAnd(session, leftWins, leftMinusRight, selected, side, current, extended);
        }
        else
        {
            BinaryGates.And(session, side, current, extended, ReadOnlySpan<ulong>.Empty, Span<ulong>.Empty);
        }
        TournamentPaths.WriteBack(extended, path, segments, width, paired);

        if (!select)
        {
            return [];
        }
        int nextGroups = (groups + 1) / 2;
        ulong[] next = new ulong[segments * nextGroups];
        for (int s = 0; s < segments; s++)
        {
            for (int j = 0; j < pairs; j++)
            {
                next[s * nextGroups + j] = v[s * groups + 2 * j + 1] + selected[s * pairs + j];
            }
            if (groups % 2 == 1)
            {
                next[s * nextGroups + pairs] = v[s * groups + groups - 1];
            }
        }
        return next;
    }
}
