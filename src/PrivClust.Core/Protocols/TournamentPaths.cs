namespace PrivClust.Core.Protocols;

/// <summary>
/// The local bit work of a <see cref="Tournament"/> level on packed bits (row-major, <c>width</c> path bits per segment):
/// spreading each pair's "left wins" bit over its blocks' positions and taking the segment's current path bits of those
/// positions (<see cref="Spread"/>), and writing the extended path bits back (<see cref="WriteBack"/>). A row at a time
/// (a 64-bit window and a lookup table of the spread patterns) when a segment's path fits in a word; a bit at a time
/// otherwise. The per-bit loops were the tournament's largest local cost (6 % of an in-process blobs-1e5 run).
/// </summary>
internal static class TournamentPaths
{
    /// <summary>Spread patterns are tabulated for at most this many pairs per segment (2^12 entries).</summary>
    private const int MaxTabulatedPairs = 12;

    /// <summary>
    /// For each segment and each of its first <paramref name="paired"/> positions: <paramref name="side"/> gets the bit of
    /// the position's pair (p / 2·block) — negated at party 0 on the right block, which is the XOR-sharing of ¬b — and
    /// <paramref name="current"/> the position's path bit; both packed <paramref name="paired"/> per segment, cleared before.
    /// </summary>
    public static void Spread(ReadOnlySpan<ulong> leftWins, ReadOnlySpan<ulong> path, int segments, int width, int pairs, int paired, int block,
        bool party0, Span<ulong> side, Span<ulong> current)
    {
        if (width > 64 || pairs > MaxTabulatedPairs)
        {
            SpreadBitwise(leftWins, path, segments, width, pairs, paired, block, party0, side, current);
            return;
        }
        ulong[] patterns = Patterns(pairs, paired, block, party0);
        for (int s = 0; s < segments; s++)
        {
            Or(side, s * paired, paired, patterns[Read(leftWins, s * pairs, pairs)]);
            Or(current, s * paired, paired, Read(path, s * width, paired));
        }
    }

    /// <summary>The first <paramref name="paired"/> path bits of each segment become <paramref name="extended"/>'s (packed <paramref name="paired"/> per segment).</summary>
    public static void WriteBack(ReadOnlySpan<ulong> extended, Span<ulong> path, int segments, int width, int paired)
    {
        if (width > 64)
        {
            for (int s = 0, from = 0; s < segments; s++)
            {
                for (int p = 0, at = s * width; p < paired; p++, at++, from++)
                {
                    path[at >> 6] = (path[at >> 6] & ~(1UL << at)) | (((extended[from >> 6] >> from) & 1) << at);
                }
            }
            return;
        }
        for (int s = 0; s < segments; s++)
        {
            Replace(path, s * width, paired, Read(extended, s * paired, paired));
        }
    }

    /// <summary>The spread of every value of a segment's pair bits (bit j = pair j) over its <paramref name="paired"/> positions.</summary>
    private static ulong[] Patterns(int pairs, int paired, int block, bool party0)
    {
        ulong[] patterns = new ulong[1 << pairs];
        for (int value = 0; value < patterns.Length; value++)
        {
            for (int p = 0; p < paired; p++)
            {
                ulong bit = (ulong)(value >> (p / (2 * block))) & 1;
                ulong flip = party0 && p / block % 2 == 1 ? 1UL : 0UL;
                patterns[value] |= (bit ^ flip) << p;
            }
        }
        return patterns;
    }

    private static void SpreadBitwise(ReadOnlySpan<ulong> leftWins, ReadOnlySpan<ulong> path, int segments, int width, int pairs, int paired, int block,
        bool party0, Span<ulong> side, Span<ulong> current)
    {
        for (int s = 0, at = 0; s < segments; s++)
        {
            for (int p = 0; p < paired; p++, at++)
            {
                int pair = s * pairs + p / (2 * block), from = s * width + p;
                ulong bit = ((leftWins[pair >> 6] >> pair) & 1) ^ (party0 && p / block % 2 == 1 ? 1UL : 0UL);
                side[at >> 6] |= bit << at;
                current[at >> 6] |= ((path[from >> 6] >> from) & 1) << at;
            }
        }
    }

    /// <summary>Bits [offset, offset + count) as the low bits of a word (count ≤ 64).</summary>
    internal static ulong Read(ReadOnlySpan<ulong> words, int offset, int count)
    {
        if (count == 0)
        {
            return 0;
        }
        int word = offset >> 6, shift = offset & 63;
        ulong value = words[word] >> shift;
        if (shift + count > 64)
        {
            value |= words[word + 1] << (64 - shift);
        }
        return count == 64 ? value : value & ((1UL << count) - 1);
    }

    /// <summary>ORs the low <paramref name="count"/> bits of <paramref name="value"/> (nothing above them) in at <paramref name="offset"/>.</summary>
    private static void Or(Span<ulong> words, int offset, int count, ulong value)
    {
        if (count == 0)
        {
            return;
        }
        int word = offset >> 6, shift = offset & 63;
        words[word] |= value << shift;
        if (shift + count > 64)
        {
            words[word + 1] |= value >> (64 - shift);
        }
    }

    /// <summary>Replaces bits [offset, offset + count) by the low <paramref name="count"/> bits of <paramref name="value"/>.</summary>
    private static void Replace(Span<ulong> words, int offset, int count, ulong value)
    {
        if (count == 0)
        {
            return;
        }
        ulong mask = count == 64 ? ulong.MaxValue : (1UL << count) - 1;
        int word = offset >> 6, shift = offset & 63;
        words[word] = (words[word] & ~(mask << shift)) | (value << shift);
        if (shift + count > 64)
        {
            int rest = 64 - shift;
            words[word + 1] = (words[word + 1] & ~(mask >> rest)) | (value >> rest);
        }
    }
}
