namespace PrivClust.Core.Protocols;

/// <summary>
/// Argmin with few rounds: all k(k−1)/2 pairwise comparisons of a segment in one batch (7 rounds to binary),
/// then each position's one-hot bit is the AND of "I beat j" over the other k − 1 positions, by a tree of AND
/// gates on packed bits (⌈log2(k−1)⌉ rounds). Ties go to the lower index. No minimum value is produced.
/// Compared with <see cref="Tournament"/> it trades k(k−1)/2 instead of k − 1 comparisons per segment for
/// 7 + ⌈log2(k−1)⌉ instead of 9·⌈log2 k⌉ rounds: the choice when latency, not volume, dominates.
/// </summary>
public static class AllPairsArgMin
{
    /// <summary>Binary shares of the one-hot (segments×width, packed row-major) of each segment's minimum.</summary>
    public static ulong[] ArgMinBits(PartySession session, ReadOnlySpan<ulong> values, int segments, int width)
    {
        if (width < 1 || values.Length != segments * width)
        {
            throw new ArgumentException($"Argmin over {segments}×{width} got {values.Length} values.");
        }
        int bits = segments * width, words = PackedBits.Words(bits);
        if (width == 1)
        {
            return Enumerable.Repeat(session.IsParty0 ? ulong.MaxValue : 0UL, words).ToArray();
        }
        int pairs = width * (width - 1) / 2;
        ulong[] diff = new ulong[segments * pairs];
        for (int s = 0, at = 0; s < segments; s++)
        {
            for (int i = 0; i < width; i++)
            {
                for (int j = i + 1; j < width; j++)
                {
                    diff[at++] = values[s * width + j] - values[s * width + i];   // < 0 ⇔ j beats i
                }
            }
        }
        ulong[] jBeatsI = Comparison.LessThanZeroBits(session, diff);
        // Factor t of position i: "i beats its t-th opponent", packed over (segment, position) like the output.
        ulong flip = session.IsParty0 ? 1UL : 0UL;
        var factors = new List<ulong[]>();
        for (int t = 0; t < width - 1; t++)
        {
            ulong[] factor = new ulong[words];
            for (int s = 0; s < segments; s++)
            {
                for (int i = 0; i < width; i++)
                {
                    int j = t < i ? t : t + 1;
                    (int lo, int hi) = i < j ? (i, j) : (j, i);
                    ulong bit = PackedBits.Get(jBeatsI, s * pairs + PairIndex(width, lo, hi));
                    PackedBits.Set(factor, s * width + i, i < j ? bit ^ flip : bit);
                }
            }
            factors.Add(factor);
        }
        return AndAll(session, factors, words);
    }

    /// <summary>Index of pair (i, j), i &lt; j, in the row-major upper triangle.</summary>
    private static int PairIndex(int width, int i, int j) => i * (2 * width - i - 1) / 2 + (j - i - 1);

    /// <summary>The AND of all factors by a tree: each level is one round of AND gates on all pairs at once.</summary>
    private static ulong[] AndAll(PartySession session, List<ulong[]> factors, int words)
    {
        while (factors.Count > 1)
        {
            int half = factors.Count / 2;
            ulong[] left = new ulong[half * words], right = new ulong[half * words], product = new ulong[half * words];
            for (int p = 0; p < half; p++)
            {
                factors[2 * p].CopyTo(left, p * words);
                factors[2 * p + 1].CopyTo(right, p * words);
            }
            BinaryGates.And(session, left, right, product, ReadOnlySpan<ulong>.Empty, Span<ulong>.Empty);
            var next = Enumerable.Range(0, half).Select(p => product[(p * words)..((p + 1) * words)]).ToList();
            if (factors.Count % 2 == 1)
            {
                next.Add(factors[^1]);
            }
            factors = next;
        }
        return factors[0];
    }
}
