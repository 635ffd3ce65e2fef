using PrivClust.Core.Clustering;
using PrivClust.Core.Data;
using PrivClust.Core.Harness;

namespace PrivClust.Cli.Tests.Support;

/// <summary>The in-process engine on the same split and spec: both parties and the dealer in <see cref="TwoPartyHarness"/>.</summary>
public static class InProcessReference
{
    public static (double[][] Centroids, int[] LabelsA, int[] LabelsB) Run(JobSpec spec, string csvPathA, string csvPathB)
    {
        CsvDataset a = CsvDataset.Load(csvPathA, spec.Columns), b = CsvDataset.Load(csvPathB, spec.Columns);
        var shape = new JobShape(a.RowCount, b.RowCount, a.ColumnCount, b.ColumnCount);
        TwoPartyResult<JobResult> run = TwoPartyHarness.Run(99,
            s => SecureClustering.Run(s, spec, new PartyDataset(a.Values, a.RowCount, a.ColumnCount), shape),
            s => SecureClustering.Run(s, spec, new PartyDataset(b.Values, b.RowCount, b.ColumnCount), shape),
            new Core.Arithmetic.FixedPoint(spec.FractionalBits));
        Assert.Equal(run.Party0.Centroids, run.Party1.Centroids);
        return (run.Party0.Centroids, run.Party0.OwnLabels, run.Party1.OwnLabels);
    }
}
