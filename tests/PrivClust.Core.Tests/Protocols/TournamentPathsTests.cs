using PrivClust.Core.Protocols;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>The tournament's local bit work, a row at a time, against the definition a bit at a time.</summary>
public class TournamentPathsTests
{
    public static TheoryData<int, int, int> Levels()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int width in new[] { 2, 3, 5, 7, 10, 13, 31, 33, 63, 64, 65, 100 })
        {
            // The levels a tournament over `width` positions runs: block 1, 2, 4, … while groups remain.
            for (int block = 1, groups = width; groups > 1; block *= 2, groups = (groups + 1) / 2)
            {
                data.Add(width, groups, block);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Spread_and_write_back_equal_the_bitwise_definition(int width, int groups, int block)
    {
        const ulong seed = 0x5eed_0018;
        int segments = 97, pairs = groups / 2, paired = Math.Min(width, 2 * pairs * block);
        var random = new System.Random((int)(seed ^ (ulong)(width * 131 + block)));
        ulong[] leftWins = RandomWords(random, segments * pairs), path = RandomWords(random, segments * width);
        foreach (bool party0 in new[] { false, true })
        {
            int words = PackedBits.Words(segments * paired);
            ulong[] side = new ulong[words], current = new ulong[words];
            TournamentPaths.Spread(leftWins, path, segments, width, pairs, paired, block, party0, side, current);
            for (int s = 0; s < segments; s++)
            {
                for (int p = 0; p < paired; p++)
                {
                    ulong expectedSide = PackedBits.Get(leftWins, s * pairs + p / (2 * block)) ^ (party0 && p / block % 2 == 1 ? 1UL : 0UL);
                    Assert.True(expectedSide == PackedBits.Get(side, s * paired + p), $"seed {seed:x}: side of segment {s}, position {p}");
                    Assert.True(PackedBits.Get(path, s * width + p) == PackedBits.Get(current, s * paired + p), $"seed {seed:x}: path of segment {s}, position {p}");
                }
            }
            Assert.Equal(0UL, Above(side, segments * paired));

            ulong[] extended = RandomWords(random, segments * paired), written = (ulong[])path.Clone();
            TournamentPaths.WriteBack(extended, written, segments, width, paired);
            for (int s = 0; s < segments; s++)
            {
                for (int p = 0; p < width; p++)
                {
                    ulong expected = p < paired ? PackedBits.Get(extended, s * paired + p) : PackedBits.Get(path, s * width + p);
                    Assert.True(expected == PackedBits.Get(written, s * width + p), $"seed {seed:x}: written path of segment {s}, position {p}");
                }
            }
            Assert.Equal(Above(path, segments * width), Above(written, segments * width));
        }
    }

    [Fact]
    public void Reading_a_window_crosses_word_boundaries_and_takes_whole_words()
    {
        ulong[] words = [0xF000_0000_0000_000FUL, 0x0000_0000_0000_00A5UL];
        Assert.Equal(0xA5FUL, TournamentPaths.Read(words, 60, 12));
        Assert.Equal(words[0], TournamentPaths.Read(words, 0, 64));
        Assert.Equal(0UL, TournamentPaths.Read(words, 5, 0));
        Assert.Equal(0x5FUL, TournamentPaths.Read(words, 60, 8));
    }

    /// <summary>Random packed bits, nothing set beyond <paramref name="bits"/> (as the tournament's buffers).</summary>
    private static ulong[] RandomWords(System.Random random, int bits)
    {
        ulong[] words = new ulong[PackedBits.Words(bits)];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
        }
        PackedBits.ClearAbove(words, bits);
        return words;
    }

    /// <summary>The bits of the last word above <paramref name="bits"/>.</summary>
    private static ulong Above(ulong[] words, int bits) => bits % 64 == 0 ? 0 : words[^1] >> (bits % 64);
}
