using PrivClust.Core.Clustering;
using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Clustering.Secure;

/// <summary>
/// Distances relative to the last centroid (<see cref="SharedData.RelativeDistances"/>) against their plaintext twin: the
/// partial distances ||c||² − 2·x·c minus each row's last one, exactly in Z_2^64 for any ring values (so every comparison
/// of two of them, and the argmin with its ties, is that of the partial distances); one round, and k − 1 products a row
/// from the dealer instead of k.
/// </summary>
public class RelativeDistancesTests
{
    [Theory]
    [InlineData(2, 257, 3, false)]
    [InlineData(5, 300, 2, false)]
    [InlineData(7, 101, 4, false)]
    [InlineData(5, 64, 2, true)]     // edges: zero centroids, centroids at data rows, at the ring's extremes
    public void Equal_the_partial_distances_minus_the_last_exactly_in_one_round(int k, int n, int d, bool edges)
    {
        ulong seed = (ulong)(k * 1000 + n * 10 + d + (edges ? 7 : 0));
        var rng = new System.Random((int)seed);
        ulong[] x = Shares.RandomRing(rng, n * d);
        ulong[] centroids = Shares.RandomRing(rng, k * d);
        if (edges)
        {
            ulong[] extremes = [0, 1, ulong.MaxValue, 1UL << 63, (1UL << 63) - 1];
            for (int t = 0; t < d; t++)
            {
                centroids[t] = 0;                                       // a zero centroid
                centroids[d + t] = x[5 * d + t];                        // a data row
                centroids[(k - 1) * d + t] = extremes[t % extremes.Length];
                x[t] = extremes[(t + 2) % extremes.Length];
            }
        }
        ulong[] c0 = Shares.RandomRing(rng, centroids.Length);
        ulong[] c1 = centroids.Zip(c0, (v, s) => v - s).ToArray();
        int rowsA = n / 3;

        var baseline = TwoPartyHarness.Run(seed, s => Shared(s, x, rowsA, d).Rows);
        var run = TwoPartyHarness.Run(seed, s =>
        {
            ulong[] dots = new ulong[n * k];
            Shared(s, x, rowsA, d).RelativeDistances(s, s.IsParty0 ? c0 : c1, k, dots);
            return dots;
        });
        var absolute = TwoPartyHarness.Run(seed, s => Shared(s, x, rowsA, d).PartialDistances(s, s.IsParty0 ? c0 : c1, k));

        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
            {
                ulong expected = Partial(x, centroids, i, c, d) - Partial(x, centroids, i, k - 1, d);
                Assert.True(expected == run.Party0[i * k + c] + run.Party1[i * k + c], $"seed {seed}: row {i}, centroid {c}");
            }
            Assert.Equal(0UL, run.Party0[i * k + k - 1]);
            Assert.Equal(0UL, run.Party1[i * k + k - 1]);
        }
        Assert.Equal(baseline.Rounds + 1, run.Rounds);
        Assert.Equal(absolute.Rounds, run.Rounds);
        // U·B for k − 1 columns and a Beaver triple per coordinate of the k − 1 differences, against k columns and squares.
        Assert.Equal(8L * n * (k - 1) + 8L * (k - 1) * d, run.DealerBytes - baseline.DealerBytes);
        Assert.Equal(8L * n * k + 8L * k * d, absolute.DealerBytes - baseline.DealerBytes);
    }

    [Fact]
    public void One_centroid_has_no_relative_distances()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoPartyHarness.Run(1, s =>
        {
            Shared(s, new ulong[8], 2, 2).RelativeDistances(s, new ulong[2], 1, new ulong[4]);
            return 0;
        }));
    }

    private static SharedData Shared(PartySession s, ulong[] x, int rowsA, int d)
    {
        int n = x.Length / d;
        ReadOnlySpan<ulong> own = s.IsParty0 ? x.AsSpan(0, rowsA * d) : x.AsSpan(rowsA * d);
        return SharedData.Horizontal(s, own, rowsA, n - rowsA, d);
    }

    private static ulong Partial(ulong[] x, ulong[] centroids, int i, int c, int d)
    {
        ulong norm = 0, dot = 0;
        for (int t = 0; t < d; t++)
        {
            norm += centroids[c * d + t] * centroids[c * d + t];
            dot += x[i * d + t] * centroids[c * d + t];
        }
        return norm - 2 * dot;
    }
}
