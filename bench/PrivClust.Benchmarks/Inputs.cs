using PrivClust.Core.Harness;

namespace PrivClust.Benchmarks;

/// <summary>Random plaintext inputs split into two additive shares (benchmark-side: both are known here).</summary>
public static class Inputs
{
    public static (ulong[] S0, ulong[] S1) Split(ulong[] values, System.Random rng)
    {
        var s0 = new ulong[values.Length];
        var s1 = new ulong[values.Length];
        rng.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s0.AsSpan()));
        for (int i = 0; i < values.Length; i++)
        {
            s1[i] = values[i] - s0[i];
        }
        return (s0, s1);
    }

    public static ulong[] Ring(System.Random rng, int n)
    {
        var v = new ulong[n];
        rng.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.AsSpan()));
        return v;
    }

    /// <summary>Signed values with |v| &lt; 2^bits.</summary>
    public static ulong[] Signed(System.Random rng, int n, int bits)
    {
        var v = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            long m = rng.NextInt64(1L << bits);
            v[i] = (ulong)(rng.Next(2) == 0 ? m : -m);
        }
        return v;
    }

    /// <summary>k counts in [1, 10^4] and k×perCount dividends S = q·count + rem with |q| &lt; 2^31.</summary>
    public static (ulong[] Sums, ulong[] Counts) Division(System.Random rng, int k, int perCount)
    {
        var counts = new ulong[k];
        var sums = new ulong[k * perCount];
        for (int c = 0; c < k; c++)
        {
            long count = rng.NextInt64(1, 10_001);
            counts[c] = (ulong)count;
            for (int j = 0; j < perCount; j++)
            {
                long q = rng.NextInt64(-(1L << 31), 1L << 31);
                sums[c * perCount + j] = (ulong)(q * count + rng.NextInt64(count));
            }
        }
        return (sums, counts);
    }
}

/// <summary>Rounds and traffic of one protocol run, normalised per element.</summary>
public sealed record RunMetrics(long Rounds, double BytesPerElement0, double BytesPerElement1, double DealerBytesPerElement)
{
    public static RunMetrics From<T>(TwoPartyResult<T> run, long elements) =>
        new(run.Rounds, (double)run.BytesSent0 / elements, (double)run.BytesSent1 / elements, (double)run.DealerBytes / elements);
}
