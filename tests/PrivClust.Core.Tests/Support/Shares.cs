using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Tests.Support;

/// <summary>Helpers to share plaintext inputs in the harness and reconstruct outputs.</summary>
internal static class Shares
{
    /// <summary>Splits values into two random additive shares (test-side: both shares are known here).</summary>
    public static (ulong[] S0, ulong[] S1) Split(ulong[] values, System.Random rng)
    {
        var s0 = new ulong[values.Length];
        var s1 = new ulong[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            s0[i] = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40);
            s1[i] = values[i] - s0[i];
        }
        return (s0, s1);
    }

    public static ulong[] Reconstruct(ulong[] a, ulong[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    public static UInt128[] Reconstruct(UInt128[] a, UInt128[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    /// <summary>Runs f on both parties with each party's share of the inputs; returns the reconstruction.</summary>
    public static (ulong[] Values, TwoPartyResult<ulong[]> Run) Compute(ulong seed, ulong[][] inputs, Func<PartySession, ulong[][], ulong[]> f)
    {
        var rng = new System.Random((int)seed);
        var split = inputs.Select(v => Split(v, rng)).ToArray();
        ulong[][] in0 = split.Select(s => s.S0).ToArray();
        ulong[][] in1 = split.Select(s => s.S1).ToArray();
        var run = TwoPartyHarness.Run(seed, s => f(s, in0), s => f(s, in1));
        return (Reconstruct(run.Party0, run.Party1), run);
    }

    /// <summary>Random signed values with |v| &lt; 2^bits, plus the edge values given.</summary>
    public static ulong[] RandomSigned(System.Random rng, int count, int bits, params long[] edges)
    {
        var v = new ulong[count + edges.Length];
        for (int i = 0; i < count; i++)
        {
            long magnitude = bits >= 63 ? rng.NextInt64() : rng.NextInt64(1L << bits);
            v[i] = (ulong)(rng.Next(2) == 0 ? magnitude : -magnitude);
        }
        for (int i = 0; i < edges.Length; i++)
        {
            v[count + i] = (ulong)edges[i];
        }
        return v;
    }

    public static ulong[] RandomRing(System.Random rng, int count)
    {
        var v = new ulong[count];
        rng.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.AsSpan()));
        return v;
    }
}
