using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>The exact truncation by 2^62 is exact: u − b = ⌊y / 2^62⌋ for every y in [0, 2^127), never one LSB off.</summary>
public class ExactTruncationTests
{
    [Fact]
    public void Exact_on_random_values_and_edges_in_three_rounds()
    {
        const ulong seed = 101;
        var rng = new System.Random((int)seed);
        UInt128 two62 = UInt128.One << 62;
        var values = new List<UInt128>();
        for (int i = 0; i < 20_000; i++)
        {
            int bits = rng.Next(1, 128);
            UInt128 v = ((UInt128)(ulong)rng.NextInt64() << 64 | (ulong)rng.NextInt64()) & ((UInt128.One << bits) - 1);
            values.Add(v);
        }
        values.AddRange([UInt128.Zero, UInt128.One, two62 - 1, two62, two62 + 1, 3 * two62 - 1, 3 * two62, (UInt128.One << 127) - 1,
            (UInt128.One << 126) + two62 - 1, (UInt128)ulong.MaxValue, two62 * 12345]);
        UInt128[] y = [.. values];
        UInt128[] y0 = y.Select(_ => (UInt128)(ulong)rng.NextInt64() << 64 | (ulong)rng.NextInt64()).ToArray();
        UInt128[] y1 = y.Select((v, i) => v - y0[i]).ToArray();
        var run = TwoPartyHarness.Run(seed,
            s => Truncate(s, y0),
            s => Truncate(s, y1));
        Assert.Equal(3, run.Rounds);
        for (int i = 0; i < y.Length; i++)
        {
            UInt128 upper = run.Party0.Upper[i] + run.Party1.Upper[i];
            ulong borrow = (ulong)((run.Party0.Borrow[i >> 6] ^ run.Party1.Borrow[i >> 6]) >> (i & 63)) & 1;
            Assert.True(upper - borrow == y[i] >> 62, $"seed {seed}: y = {y[i]}: u = {upper}, b = {borrow}, expected {y[i] >> 62}");
        }
    }

    private static (UInt128[] Upper, ulong[] Borrow) Truncate(PartySession session, UInt128[] y)
    {
        var upper = new UInt128[y.Length];
        ulong[] borrow = ExactTruncation.Run(session, y, upper);
        return (upper, borrow);
    }
}
