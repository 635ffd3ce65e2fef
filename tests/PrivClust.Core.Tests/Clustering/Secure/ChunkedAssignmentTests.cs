using PrivClust.Core.Arithmetic;
using PrivClust.Core.Benchmarks;
using PrivClust.Core.Clustering;
using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Clustering.Secure;

/// <summary>
/// The Lloyd assignment step in row chunks (<see cref="LloydAssignment"/>) against the unchunked step and numpy's argmin:
/// chunk sizes that do not divide n (and put chunk boundaries inside packed words), one chunk, and chunks larger than n.
/// </summary>
public class ChunkedAssignmentTests
{
    // n·k(k−1)/2 must exceed SecureLloyd.AllPairsLimit so that the (chunkable) tournament runs.
    private const int Rows = 14_000, K = 5;

    [Theory]
    [InlineData(3001, 5)]        // does not divide n; chunk boundaries fall inside words (3001·5 bits)
    [InlineData(4096, 4)]
    [InlineData(Rows, 1)]        // one chunk: the unchunked protocol
    [InlineData(20_000, 1)]      // n smaller than one chunk
    public void Chunked_assignment_matches_numpy_argmin_the_previous_xor_and_the_unchunked_rounds(int chunkRows, int chunks)
    {
        var rng = new System.Random(chunkRows);
        // A small range so that ties are frequent (ties go to the lower index), negative values included.
        ulong[] distances = Enumerable.Range(0, Rows * K).Select(_ => (ulong)(long)rng.Next(-3, 4)).ToArray();
        int[] previousLabels = Enumerable.Range(0, Rows).Select(_ => rng.Next(K)).ToArray();
        ulong[] previous = new ulong[PackedBits.Words(Rows * K)];
        for (int i = 0; i < Rows; i++)
        {
            PackedBits.Set(previous, i * K + previousLabels[i], 1);
        }
        ulong[] share0 = Support.Shares.RandomRing(rng, distances.Length);
        ulong[] share1 = distances.Zip(share0, (v, s) => v - s).ToArray();
        var run = TwoPartyHarness.Run(7, s => LloydAssignment.Run(s, s.IsParty0 ? share0 : share1, Rows, K,
            s.IsParty0 ? previous : new ulong[previous.Length], chunkRows));

        long changed = 0;
        for (int i = 0; i < Rows; i++)
        {
            long[] row = distances.Skip(i * K).Take(K).Select(v => (long)v).ToArray();
            int label = Array.IndexOf(row, row.Min());
            // Over the first K − 1 columns: a move counts 2, or 1 when it is from or to the last cluster.
            changed += label == previousLabels[i] ? 0 : label == K - 1 || previousLabels[i] == K - 1 ? 1 : 2;
            for (int c = 0; c < K; c++)
            {
                ulong expected = c == label ? 1UL : 0UL;
                Assert.Equal(expected, PackedBits.Get(run.Party0.Bits, i * K + c) ^ PackedBits.Get(run.Party1.Bits, i * K + c));
                Assert.Equal(expected, run.Party0.OneHotByCluster[c * Rows + i] + run.Party1.OneHotByCluster[c * Rows + i]);
            }
        }
        Assert.Equal((ulong)changed * run.Party0.ChangedUnit, run.Party0.Changed + run.Party1.Changed);   // 2^(64−K)·Σ XOR (LloydAssignment.Changed)
        Assert.Equal(1UL << (64 - 16), run.Party0.ChangedUnit);   // K = bitlength(2·14 000) + 1 = 16
        Assert.True(changed > 0);
        // Per chunk: the tournament (⌈log2 5⌉ = 3 levels of pairs 2r, r, r: comparison to bits + one bit-product round
        // each) and one B2A round.
        long rows = Math.Min(chunkRows, Rows);
        long perChunk = Budgets.ComparisonBits(2 * rows) + 1 + 2 * (Budgets.ComparisonBits(rows) + 1) + 1;
        Assert.Equal(chunks * perChunk, run.Rounds);
    }

    [Theory]
    [InlineData(false, 0)]     // nothing moved: Σ = 0, whatever the labels
    [InlineData(true, 1)]      // every row moved between the first and the last cluster: 1 each over k − 1 columns
    public void The_change_count_over_k_minus_one_columns_is_zero_exactly_when_no_row_moved(bool move, int perRow)
    {
        int Label(int i, bool before) => (i % 2 == 0) ^ (move && before) ? K - 1 : 0;
        ulong[] distances = new ulong[Rows * K];
        ulong[] previous = new ulong[PackedBits.Words(Rows * K)];
        for (int i = 0; i < Rows; i++)
        {
            for (int c = 0; c < K; c++)
            {
                distances[i * K + c] = c == Label(i, before: false) ? 0UL : 5UL;
            }
            PackedBits.Set(previous, i * K + Label(i, before: true), 1);
        }
        var rng = new System.Random(perRow);
        ulong[] share0 = Support.Shares.RandomRing(rng, distances.Length);
        ulong[] share1 = distances.Zip(share0, (v, s) => v - s).ToArray();
        var run = TwoPartyHarness.Run(3, s => LloydAssignment.Run(s, s.IsParty0 ? share0 : share1, Rows, K,
            s.IsParty0 ? previous : new ulong[previous.Length]));

        Assert.Equal((ulong)(perRow * Rows) * run.Party0.ChangedUnit, run.Party0.Changed + run.Party1.Changed);
        for (int i = 0; i < Rows; i += 997)
        {
            Assert.Equal(1UL, run.Party0.OneHotByCluster[Label(i, before: false) * Rows + i] + run.Party1.OneHotByCluster[Label(i, before: false) * Rows + i]);
            Assert.Equal(0UL, run.Party0.OneHotByCluster[2 * Rows + i] + run.Party1.OneHotByCluster[2 * Rows + i]);
        }
    }

    [Fact]
    public void Chunked_kmeans_gives_exactly_the_unchunked_centroids_iterations_and_converged_bits()
    {
        const int maxIterations = 6;
        LloydOutcome Lloyd(PartySession s, int chunkRows)
        {
            SharedData shared = Blobs(s);
            ulong[] initial = shared.RowsAt([0, 1000, 2000, 7000, 9000]);
            return SecureLloyd.Run(s, shared, initial, K, maxIterations, null, CancellationToken.None, chunkRows: chunkRows);
        }

        var whole = TwoPartyHarness.Run(11, s => Lloyd(s, 0));
        var chunked = TwoPartyHarness.Run(11, s => Lloyd(s, 2_500));

        Assert.Equal(Support.Shares.Reconstruct(whole.Party0.Centroids, whole.Party1.Centroids),
            Support.Shares.Reconstruct(chunked.Party0.Centroids, chunked.Party1.Centroids));
        Assert.Equal(whole.Party0.Iterations, chunked.Party0.Iterations);
        Assert.Equal(whole.Party0.ConvergedBits, chunked.Party0.ConvergedBits);
        // The same comparisons in more, smaller batches: the bytes differ only by the rounding of packed bits to words.
        Assert.InRange(chunked.BytesSent0, whole.BytesSent0, whole.BytesSent0 * 101 / 100);
    }

    [Fact]
    public void Chunked_final_assignment_gives_exactly_the_unchunked_one_hot_and_minimum_distances()
    {
        ulong[][] Assign(PartySession s, int chunkRows)
        {
            SharedData shared = Blobs(s);
            ulong[] oneHot = SecureLloyd.Assign(s, shared, shared.RowsAt([5, 50, 500, 5000, 13_000]), K, out ulong[] minimum, chunkRows);
            return [oneHot, minimum];
        }

        var whole = TwoPartyHarness.Run(13, s => Assign(s, 0));
        var chunked = TwoPartyHarness.Run(13, s => Assign(s, 3001));

        for (int part = 0; part < 2; part++)
        {
            Assert.Equal(Support.Shares.Reconstruct(whole.Party0[part], whole.Party1[part]),
                Support.Shares.Reconstruct(chunked.Party0[part], chunked.Party1[part]));
        }
        ulong[] oneHot = Support.Shares.Reconstruct(whole.Party0[0], whole.Party1[0]);
        Assert.All(Enumerable.Range(0, Rows), i => Assert.Equal(1UL, oneHot.Skip(i * K).Take(K).Aggregate(0UL, (x, y) => x + y)));
    }

    /// <summary>Blobs (d = 2) split 6 000 / 8 000 rows between a and b, shared and masked.</summary>
    private static SharedData Blobs(PartySession s)
    {
        const int d = 2, rowsA = 6_000;
        var fixedPoint = new FixedPoint();
        ulong[] encoded = SyntheticData.Blobs(Rows, d, K, seed: 3).Select(v => fixedPoint.Encode(v)).ToArray();
        ReadOnlySpan<ulong> own = s.IsParty0 ? encoded.AsSpan(0, rowsA * d) : encoded.AsSpan(rowsA * d);
        return SharedData.Horizontal(s, own, rowsA, Rows - rowsA, d);
    }
}
