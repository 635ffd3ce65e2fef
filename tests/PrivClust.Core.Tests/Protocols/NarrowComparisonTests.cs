using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>
/// The comparison of values with a public bound (|x| &lt; 2^(L−1)), in Z_2^L on bit-sliced planes: exact at every width
/// from 2 to 63 on random values and the edges of the bound, in 1 + ⌈log2 ⌈(L − 1)/2⌉⌉ rounds to bits, with L bits of
/// opening per element; its openings are uniform and never repeat.
/// </summary>
public class NarrowComparisonTests
{
    private static ulong[] InRange(System.Random rng, int count, int bits)
    {
        long half = 1L << (bits - 1);
        long[] edges = [0, 1, -1, half - 1, -half, -half + 1, half - 2, half / 2, -half / 2, half / 2 - 1];
        var v = new ulong[count + edges.Length];
        for (int i = 0; i < count; i++)
        {
            v[i] = (ulong)rng.NextInt64(-half, half);
        }
        for (int i = 0; i < edges.Length; i++)
        {
            v[count + i] = (ulong)edges[i];
        }
        return v;
    }

    [Theory]
    [InlineData(2, 100)]
    [InlineData(3, 65)]
    [InlineData(4, 1000)]
    [InlineData(17, 1)]
    [InlineData(33, 4097)]
    [InlineData(34, 640)]
    [InlineData(37, 20_000)]
    [InlineData(52, 3000)]
    [InlineData(63, 5000)]
    public void Exact_at_every_width_with_its_rounds_and_bytes(int bits, int count)
    {
        ulong seed = (ulong)(bits * 1000 + count);
        ulong[] x = InRange(new System.Random((int)seed), count, bits);
        var (z, run) = Shares.Compute(seed, [x], (s, v) =>
        {
            var r = new ulong[v[0].Length];
            NarrowComparison.LessThanZero<ulong>(s, v[0], r, bits);
            return r;
        });
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(((long)x[i] < 0 ? 1UL : 0UL) == z[i], $"seed {seed}, bits {bits}, i {i}: x = {(long)x[i]}, got {z[i]}");
        }
        Assert.Equal(NarrowComparison.Rounds(bits) + 1, run.Rounds);
        Assert.Equal(run.BytesSent0, run.BytesSent1);
        int n = x.Length, words = (n + 63) / 64;
        long gateWords = 0;
        for (int groups = bits / 2; groups > 1; groups -= groups / 2)
        {
            gateWords += (groups / 2) * words * (groups == 2 ? 2 : 3);
        }
        long opening = 8L * ((n * (long)bits + 63) / 64);
        Assert.Equal(opening + 8 * gateWords + 8 * words, run.BytesSent0);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 2)]
    [InlineData(6, 3)]
    [InlineData(33, 5)]
    [InlineData(34, 6)]
    [InlineData(37, 6)]
    [InlineData(63, 6)]
    public void Rounds_to_bits_are_the_opening_and_the_prefix_levels(int bits, int rounds) =>
        Assert.Equal(rounds, NarrowComparison.Rounds(bits));

    [Fact]
    public void At_thirty_seven_bits_it_sends_about_half_of_the_whole_ring_comparison()
    {
        var rng = new System.Random(37);
        ulong[] x = InRange(rng, 1 << 16, 37);
        var (_, narrow) = Shares.Compute(37, [x], (s, v) => { var r = new ulong[v[0].Length]; NarrowComparison.LessThanZero<ulong>(s, v[0], r, 37); return r; });
        var (_, whole) = Shares.Compute(37, [x], (s, v) => { var r = new ulong[v[0].Length]; Comparison.LessThanZero<ulong>(s, v[0], r); return r; });
        // Online: 4.625 (c) + 6.25 (ANDs) + 0.125 (B2A) against 19.625; dealer: 6.875 (planes) + 4.125 (triples) + 8 (daBit) against 27.625.
        Assert.InRange((double)narrow.BytesSent0 / x.Length, 11.0, 11.05);
        Assert.InRange((double)whole.BytesSent0 / x.Length, 19.6, 19.65);
        Assert.InRange((double)narrow.DealerBytes / x.Length, 19.0, 19.05);
        Assert.Equal(7, narrow.Rounds);
    }

    [Fact]
    public void Openings_are_uniform_in_the_narrow_ring_and_never_repeat()
    {
        const int n = 4096, bits = 37;
        ulong[] constant = Enumerable.Repeat(12345UL << 16, n).ToArray();
        var observer = new RecordingObserver();
        int Run(PartySession s, ulong[] own)
        {
            ulong[] x = new ulong[n];
            Sharing.Input(s, 0, own, x);
            for (int repeat = 0; repeat < 2; repeat++)
            {
                NarrowComparison.LessThanZeroBits(s, x, bits);
            }
            return 0;
        }
        TwoPartyHarness.Run(104, s => Run(s, constant), s => Run(s, []), configure: s => s.Observer = s.IsParty0 ? observer : null);
        ulong[] c = observer.Openings.Where(o => o.What == "narrow comparison c").SelectMany(o => o.Values).ToArray();
        Assert.Equal(2 * n, c.Length);
        Uniformity.AssertUniformAndDistinct(c, bits, 104);
        // The AND gates' openings: every word masked afresh (none repeats; each bit set about half the time).
        ulong[] gates = observer.Openings.Where(o => o.What == "and d/e").SelectMany(o => o.Values).ToArray();
        Assert.Equal(gates.Length, gates.Distinct().Count());
        double ones = gates.Sum(v => (double)System.Numerics.BitOperations.PopCount(v)), total = 64.0 * gates.Length;
        Assert.InRange(ones / total, 0.49, 0.51);
    }

    [Fact]
    public void Chunks_are_exact_and_each_takes_its_own_rounds()
    {
        var rng = new System.Random(2027);
        ulong[] x = InRange(rng, 9_990, 40);
        var (z, run) = Shares.Compute(2027, [x], (s, v) =>
        {
            var r = new ulong[v[0].Length];
            Comparison.LessThanZeroInChunks<ulong>(s, v[0], r, 4_000, bits: 40);
            return r;
        });
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(((long)x[i] < 0 ? 1UL : 0UL) == z[i], $"seed 2027, i {i}: x = {(long)x[i]}, got {z[i]}");
        }
        Assert.Equal(3 * (NarrowComparison.Rounds(40) + 1), run.Rounds);
    }
}
