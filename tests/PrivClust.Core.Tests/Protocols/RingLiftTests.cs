using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>
/// Shares known modulo 2^K lifted to Z_2^64: exact for every |x| &lt; 2^(K−2) whatever the shares' higher bits hold, one
/// round and K bits per value each way; its openings are uniform modulo 2^K and never repeat.
/// </summary>
public class RingLiftTests
{
    [Theory]
    [InlineData(3, 50)]
    [InlineData(20, 1000)]
    [InlineData(35, 5000)]
    [InlineData(63, 2000)]
    public void Exact_below_a_quarter_of_the_ring_whatever_the_shares_high_bits(int bits, int count)
    {
        ulong seed = (ulong)(bits * 100 + count);
        var rng = new System.Random((int)seed);
        long limit = (1L << (bits - 2)) - 1;
        long[] x = [.. Enumerable.Range(0, count).Select(_ => rng.NextInt64(-limit, limit + 1)), 0, 1, -1, limit, -limit];
        // Shares modulo 2^K: each party's share gets random bits above K, which the lift must ignore.
        ulong[] s0 = Shares.RandomRing(rng, x.Length), s1 = new ulong[x.Length];
        ulong above = bits == 63 ? 1UL << 63 : ~((1UL << bits) - 1);
        for (int i = 0; i < x.Length; i++)
        {
            s1[i] = ((ulong)x[i] - s0[i]) ^ ((ulong)rng.NextInt64() & above);
        }
        var run = TwoPartyHarness.Run(seed, s => Lifted(s, s0, bits), s => Lifted(s, s1, bits));
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True((ulong)x[i] == run.Party0[i] + run.Party1[i], $"seed {seed}, bits {bits}, i {i}: x = {x[i]}");
        }
        Assert.Equal(1, run.Rounds);
        Assert.Equal(8L * ((x.Length * (long)bits + 63) / 64), run.BytesSent0);
        Assert.Equal(16L * x.Length, run.DealerBytes);
    }

    [Fact]
    public void Openings_are_uniform_modulo_the_width_and_never_repeat()
    {
        const int n = 4096, bits = 35;
        var observer = new RecordingObserver();
        ulong[] zeros = new ulong[n];
        TwoPartyHarness.Run(105, s => { Lifted(s, zeros, bits); return Lifted(s, zeros, bits); }, s => { Lifted(s, zeros, bits); return Lifted(s, zeros, bits); },
            configure: s => s.Observer = s.IsParty0 ? observer : null);
        ulong[] c = observer.Openings.Where(o => o.What == "lift c").SelectMany(o => o.Values).ToArray();
        Assert.Equal(2 * n, c.Length);
        Uniformity.AssertUniformAndDistinct(c, bits, 105);
    }

    private static ulong[] Lifted(PartySession session, ulong[] shares, int bits)
    {
        ulong[] values = [.. shares];
        RingLift.Lift(session, values, bits);
        return values;
    }
}
