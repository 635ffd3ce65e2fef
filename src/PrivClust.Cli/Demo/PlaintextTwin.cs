using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Plaintext;
using PrivClust.Core.Data;
using PrivClust.Core.Random;
using PrivClust.Core.Protocols;

namespace PrivClust.Cli.Demo;

/// <summary>
/// The demo's reference: the same job in plaintext on the joined data (a's rows, then b's), with the same
/// initialisation — the public job seed gives both the same coin flips (<see cref="PartySession.CoinsForPublicSeed"/>).
/// Loading the two files here also checks them, with errors naming file, row and column.
/// </summary>
public static class PlaintextTwin
{
    public static TwinResult Run(JobSpec spec, string pathA, string pathB)
    {
        if (spec.Partition == Partition.Vertical)
        {
            return TwinResult.None("the demo's plaintext twin covers horizontal partitioning");
        }
        CsvDataset a = CsvDataset.Load(pathA, spec.Columns), b = CsvDataset.Load(pathB, spec.Columns);
        if (spec.Scale != Scaling.None)
        {
            return TwinResult.None("the demo's plaintext twin runs without --scale");
        }
        double[] data = [.. a.Values, .. b.Values];
        int n = a.RowCount + b.RowCount, d = spec.Columns.Count;
        if (spec.Seed == 0 && (spec.Algorithm == Algorithm.MeanShift ? spec.Seeds is null : spec.Init != InitMethod.Given))
        {
            return TwinResult.None("--seed 0 draws a fresh joint coin flip the plaintext twin cannot repeat");
        }
        AesCtrPrg coins = PartySession.CoinsForPublicSeed(spec.Seed);
        double Uniform() => (coins.NextUInt64() >> 11) * (1.0 / (1UL << 53)); // as SecureKMeansInit.Uniform
        if (spec.Algorithm == Algorithm.MeanShift)
        {
            double[] seeds = spec.Seeds is not null ? [.. spec.Seeds.SelectMany(s => s)]
                : PlainKMeansInit.RandomRows(data, n, d, PlainKMeansInit.DrawDistinctRows(n, spec.Dust, Uniform));
            MeanShiftResult shift = PlainMeanShift.Fit(data, n, d, seeds, seeds.Length / d, spec.Bandwidth, spec.MaxIter);
            return new TwinResult([.. shift.Centroids.Chunk(d)], shift.Labels, null);
        }
        if (spec.Init == InitMethod.KMeansPlusPlus)
        {
            return TwinResult.None("the secure kmeans++ draws differ from the plaintext D² sampling draw for draw");
        }
        var inits = new List<double[]>();
        for (int restart = 0; restart < spec.NInit; restart++)
        {
            inits.Add(spec.Init switch
            {
                InitMethod.Given => [.. spec.InitialCentroids!.SelectMany(c => c)],
                InitMethod.Random => PlainKMeansInit.RandomRows(data, n, d, PlainKMeansInit.DrawDistinctRows(n, spec.K, Uniform)),
                _ => PlainKMeansInit.Farthest(data, n, d, spec.K, (int)coins.NextBelow((ulong)n)),
            });
        }
        KMeansResult fit = PlainKMeans.FitBest(data, n, d, spec.K, inits, spec.MaxIter);
        return new TwinResult([.. fit.Centroids.Chunk(d)], fit.Labels, null);
    }
}
