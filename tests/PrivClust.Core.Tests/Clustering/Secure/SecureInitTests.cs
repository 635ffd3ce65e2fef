using PrivClust.Core.Arithmetic;
using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Plaintext;
using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Clustering.Plaintext;

namespace PrivClust.Core.Tests.Clustering.Secure;

/// <summary>Oblivious initialisations against their plaintext twins driven by the same public coin flips.</summary>
public class SecureInitTests
{
    private static (double[] Secure, int FirstRow) RunInit(ReferenceCase reference, int k, Func<PartySession, SharedData, (ulong[], int)> init)
    {
        var fp = new FixedPoint(16);
        ulong[] encoded = reference.FlatData.Select(v => fp.Encode(v)).ToArray();
        int n = reference.N, d = reference.D, rowsA = n / 2;
        var run = TwoPartyHarness.Run(21, s =>
        {
            ulong[] own = s.IsParty0 ? encoded[..(rowsA * d)] : encoded[(rowsA * d)..];
            SharedData data = SharedData.Horizontal(s, own, rowsA, n - rowsA, d);
            (ulong[] c, int first) = init(s, data);
            ulong[] opened = new ulong[c.Length];
            Sharing.Open<ulong>(s, c, opened, OpeningKind.Output, "test");
            return (opened.Select(v => fp.Decode(v)).ToArray(), first);
        });
        return run.Party0;
    }

    [Fact]
    public void Farthest_point_init_equals_the_plaintext_twin()
    {
        ReferenceCase reference = ReferenceCase.Load("kmeans_mall_k5");
        var (secure, first) = RunInit(reference, 5, (s, data) => (SecureKMeansInit.Farthest(s, data, 5, out int f), f));
        double[] plain = PlainKMeansInit.Farthest(reference.FlatData, reference.N, reference.D, 5, first);
        Assert.Equal(plain, secure);
    }

    [Fact]
    public void Random_init_picks_the_coin_flipped_rows()
    {
        ReferenceCase reference = ReferenceCase.Load("kmeans_blobs_d3_n1000_k5");
        int[] rows = [];
        var (secure, _) = RunInit(reference, 5, (s, data) => (SecureKMeansInit.Random(s, data, 5, out rows), 0));
        double[] plain = PlainKMeansInit.RandomRows(reference.FlatData, reference.N, reference.D, rows);
        Assert.Equal(5, rows.Distinct().Count());
        Assert.Equal(plain.Select(v => Math.Round(v, 4)), secure.Select(v => Math.Round(v, 4)));
    }

    [Fact]
    public void KMeansPlusPlus_picks_data_rows_spread_over_the_blobs()
    {
        ReferenceCase reference = ReferenceCase.Load("kmeans_blobs_d3_n1000_k5");
        var (secure, _) = RunInit(reference, 5, (s, data) => (SecureKMeansPlusPlus.Init(s, data, 5, out int f), f));
        double[][] rows = reference.Data;
        for (int c = 0; c < 5; c++)
        {
            double[] centre = secure[(c * 3)..(c * 3 + 3)];
            Assert.Contains(rows, r => r.Zip(centre).All(p => Math.Abs(p.First - p.Second) < 1e-4));
        }
        // D² sampling makes picking two rows of the same tight blob unlikely; all five initial centres are distinct.
        Assert.Equal(5, Enumerable.Range(0, 5).Select(c => string.Join(",", secure[(c * 3)..(c * 3 + 3)])).Distinct().Count());
    }
}
