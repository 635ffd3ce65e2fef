namespace PrivClust.Core.Protocols;

/// <summary>
/// Argmin with few rounds: all k(k−1)/2 pairwise comparisons of a segment in one batch,
/// then each position's one-hot bit is the AND of "I beat j" over the other k − 1 positions, by a tree of 4-input AND
/// gates on packed bits (⌈log4(k−1)⌉ rounds). Ties go to the lower index. No minimum value is produced.
/// Compared with <see cref="Tournament"/> it trades k(k−1)/2 instead of k − 1 comparisons per segment for
/// (comparison to bits) + ⌈log4(k−1)⌉ instead of ⌈log2 k⌉·(comparison + 2) rounds: the choice when latency, not volume,
/// dominates. The comparison takes 3 rounds for batches up to <see cref="Comparison.FourAryLimit"/> elements, else 7.
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

    /// <summary>
    /// The AND of all factors by a tree of 4-input gates (<see cref="BinaryGates.And4"/>; two factors: one 2-input
    /// gate): each level is one round over all groups at once, a short group padded with the public 1.
    /// </summary>
    private static ulong[] AndAll(PartySession session, List<ulong[]> factors, int words)
    {
        ulong[] one = Enumerable.Repeat(session.IsParty0 ? ulong.MaxValue : 0UL, words).ToArray();
        while (factors.Count > 1)
        {
            if (factors.Count == 2)
            {
                ulong[] both = new ulong[words];
                BinaryGates.And(session, factors[0], factors[1], both, ReadOnlySpan<ulong>.Empty, Span<ulong>.Empty);
                return both;
            }
            int groups = factors.Count / 4 + (factors.Count % 4 >= 2 ? 1 : 0);
            // Plane j of the gates' input is input j of every group, groups side by side.
            ulong[] inputs = new ulong[4 * groups * words], product = new ulong[groups * words];
            for (int group = 0; group < groups; group++)
            {
                for (int j = 0; j < 4; j++)
                {
                    int at = 4 * group + j;
                    (at < factors.Count ? factors[at] : one).CopyTo(inputs, (j * groups + group) * words);
                }
            }
            BinaryGates.And4(session, inputs, product);
            var next = Enumerable.Range(0, groups).Select(g => product[(g * words)..((g + 1) * words)]).ToList();
            if (factors.Count % 4 == 1)
            {
                next.Add(factors[^1]);
            }
            factors = next;
        }
        return factors[0];
    }
}
