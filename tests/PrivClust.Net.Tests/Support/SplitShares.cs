namespace PrivClust.Net.Tests.Support;

/// <summary>Random test inputs split into two additive shares (both known here, test-side only).</summary>
internal static class SplitShares
{
    public static (ulong[] Values, ulong[] Share0, ulong[] Share1) Random(int count, int seed, int bits = 62)
    {
        var rng = new System.Random(seed);
        ulong[] values = new ulong[count], s0 = new ulong[count], s1 = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            long magnitude = rng.NextInt64(1L << bits);
            values[i] = (ulong)(rng.Next(2) == 0 ? magnitude : -magnitude);
            s0[i] = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40);
            s1[i] = values[i] - s0[i];
        }
        return (values, s0, s1);
    }

    public static ulong[] Reconstruct(ulong[] a, ulong[] b) => a.Zip(b, (x, y) => x + y).ToArray();
}
