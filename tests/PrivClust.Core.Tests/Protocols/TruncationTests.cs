using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>Exactness of truncation and extension across the whole safe range |x| &lt; 2^62.</summary>
public class TruncationTests
{
    private static readonly long[] Edges =
    [
        0, 1, -1, 65535, 65536, -65536, -65537, (1L << 62) - 1, -(1L << 62) + 1, -(1L << 62), (1L << 61), -(1L << 61),
    ];

    [Theory]
    [InlineData(31UL, 10_000, 16)]
    [InlineData(32UL, 10_000, 1)]
    [InlineData(33UL, 10_000, 40)]
    [InlineData(34UL, 1_000_000, 16)]
    public void Truncation_is_floor_or_floor_plus_one_never_a_wrap(ulong seed, int count, int shift)
    {
        var rng = new System.Random((int)seed);
        ulong[] x = Shares.RandomSigned(rng, count, 62, Edges);
        var (z, run) = Shares.Compute(seed, [x], (s, v) =>
        {
            var r = new ulong[v[0].Length];
            Truncation.Truncate<ulong>(s, v[0], shift, r);
            return r;
        });
        int plusOne = 0;
        for (int i = 0; i < x.Length; i++)
        {
            long expected = (long)x[i] >> shift;
            long error = (long)z[i] - expected;
            Assert.True(error is 0 or 1, $"seed {seed}, i {i}: x = {(long)x[i]}, got {(long)z[i]}, floor {expected}");
            plusOne += (int)error;
        }
        Assert.Equal(1, run.Rounds);
        Assert.Equal(8L * x.Length, run.BytesSent0);
        Assert.InRange(plusOne, 1, x.Length - 1);
    }

    [Fact]
    public void Truncation_in_128_bits()
    {
        var rng = new System.Random(35);
        Int128[] x = Enumerable.Range(0, 10_000)
            .Select(_ => (Int128)rng.NextInt64() * rng.NextInt64() * (rng.Next(2) == 0 ? 1 : -1)).ToArray();
        x[0] = 0;
        x[1] = -1;
        x[2] = (Int128.One << 126) - 1;
        x[3] = -(Int128.One << 126);
        var run = TwoPartyHarness.Run(35,
            s => { var r = new UInt128[x.Length]; Truncation.Truncate<UInt128>(s, x.Select(v => (UInt128)v).ToArray(), 60, r); return r; },
            s => { var r = new UInt128[x.Length]; Truncation.Truncate<UInt128>(s, new UInt128[x.Length], 60, r); return r; });
        UInt128[] z = Shares.Reconstruct(run.Party0, run.Party1);
        for (int i = 0; i < x.Length; i++)
        {
            Int128 error = (Int128)z[i] - (x[i] >> 60);
            Assert.True(error == 0 || error == 1, $"i {i}: x = {x[i]}");
        }
    }

    [Theory]
    [InlineData(36UL, 10_000)]
    [InlineData(37UL, 1_000_000)]
    public void Extension_to_128_bits_is_exact(ulong seed, int count)
    {
        var rng = new System.Random((int)seed);
        ulong[] x = Shares.RandomSigned(rng, count, 62, Edges);
        var (s0, s1) = Shares.Split(x, rng);
        var run = TwoPartyHarness.Run(seed,
            s => { var r = new UInt128[x.Length]; Truncation.Extend(s, s0, r); return r; },
            s => { var r = new UInt128[x.Length]; Truncation.Extend(s, s1, r); return r; });
        UInt128[] z = Shares.Reconstruct(run.Party0, run.Party1);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True((Int128)z[i] == (long)x[i], $"seed {seed}, i {i}: x = {(long)x[i]}");
        }
        Assert.Equal(1, run.Rounds);
        Assert.Equal(8L * x.Length, run.BytesSent0);
    }
}
