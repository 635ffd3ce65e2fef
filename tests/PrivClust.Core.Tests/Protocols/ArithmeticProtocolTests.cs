using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

public class ArithmeticProtocolTests
{
    private const int N = 10_000;
    private static readonly long[] Edges = [0, 1, -1, 2, -2, long.MaxValue, long.MinValue, 1L << 62, -(1L << 62)];

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    public void Multiply_matches_ring_product_exactly_in_one_round_and_16_bytes(ulong seed)
    {
        var rng = new System.Random((int)seed);
        ulong[] x = Shares.RandomSigned(rng, N, 63, Edges), y = Shares.RandomSigned(rng, N, 63, Edges.Reverse().ToArray());
        var (z, run) = Shares.Compute(seed, [x, y], (s, v) =>
        {
            var r = new ulong[v[0].Length];
            Multiplication.Multiply<ulong>(s, v[0], v[1], r);
            return r;
        });
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(x[i] * y[i] == z[i], $"seed {seed}, i {i}: {x[i]}·{y[i]}");
        }
        Assert.Equal(1, run.Rounds);
        Assert.Equal(16L * x.Length, run.BytesSent0);
        Assert.Equal(8L * x.Length, run.DealerBytes);
    }

    [Fact]
    public void Multiply_in_128_bits()
    {
        const ulong seed = 13;
        var rng = new System.Random(13);
        UInt128[] x = Enumerable.Range(0, 1000).Select(_ => new UInt128((ulong)rng.NextInt64(), (ulong)rng.NextInt64())).ToArray();
        UInt128[] y = Enumerable.Range(0, 1000).Select(_ => new UInt128((ulong)rng.NextInt64(), (ulong)rng.NextInt64())).ToArray();
        var run = TwoPartyHarness.Run(seed,
            s => { var r = new UInt128[x.Length]; Multiplication.Multiply<UInt128>(s, x, new UInt128[y.Length], r); return r; },
            s => { var r = new UInt128[x.Length]; Multiplication.Multiply<UInt128>(s, new UInt128[x.Length], y, r); return r; });
        UInt128[] z = Shares.Reconstruct(run.Party0, run.Party1);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] * y[i], z[i]);
        }
        Assert.Equal(32L * x.Length, run.BytesSent0);
    }

    [Fact]
    public void Square_matches_and_costs_8_bytes()
    {
        const ulong seed = 14;
        var rng = new System.Random(14);
        ulong[] x = Shares.RandomSigned(rng, N, 63, Edges);
        var (z, run) = Shares.Compute(seed, [x], (s, v) =>
        {
            var r = new ulong[v[0].Length];
            Multiplication.Square(s, v[0], r);
            return r;
        });
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(x[i] * x[i] == z[i], $"seed {seed}, i {i}");
        }
        Assert.Equal(1, run.Rounds);
        Assert.Equal(8L * x.Length, run.BytesSent0);
    }

    [Fact]
    public void Input_sharing_costs_nothing_and_reconstructs()
    {
        ulong[] a = [5, 6, 7], b = [100, unchecked((ulong)-3L)];
        var run = TwoPartyHarness.Run(21, s =>
        {
            var sa = new ulong[3];
            var sb = new ulong[2];
            Sharing.Input(s, 0, s.IsParty0 ? a : [], sa);
            Sharing.Input(s, 1, s.IsParty0 ? [] : b, sb);
            return sa.Concat(sb).ToArray();
        });
        Assert.Equal(a.Concat(b), Shares.Reconstruct(run.Party0, run.Party1));
        Assert.Equal(0, run.Rounds);
        Assert.NotEqual(a, run.Party1.Take(3));
    }

    [Fact]
    public void Open_to_one_party_reveals_only_to_it()
    {
        ulong[] x = [42, 43];
        var (s0, s1) = Shares.Split(x, new System.Random(1));
        var run = TwoPartyHarness.Run(22,
            s => { var v = new ulong[2]; Sharing.OpenTo(s, 1, s0, v, OpeningKind.Output, "t"); return v; },
            s => { var v = new ulong[2]; Sharing.OpenTo(s, 1, s1, v, OpeningKind.Output, "t"); return v; });
        Assert.Equal(x, run.Party1);
        Assert.Equal(new ulong[2], run.Party0);
        Assert.Equal(16, run.BytesSent0);
        Assert.Equal(0, run.BytesSent1);
    }
}
