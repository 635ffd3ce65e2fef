using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Protocols;

namespace PrivClust.Net.Party;

/// <summary>The production engine: this party's table of the job's columns, run through <see cref="SecureClustering"/>.</summary>
public sealed class SecureClusteringEngine : IJobEngine
{
    public JobResult Run(PartySession session, JobSpec spec, JobShape shape, PartyTable data, IProgress<JobProgress> progress, CancellationToken cancellation) =>
        Run(session, spec, shape, data, progress, cancellation, null);

    public JobResult Run(PartySession session, JobSpec spec, JobShape shape, PartyTable data, IProgress<JobProgress> progress, CancellationToken cancellation,
        JobCheckpointing? checkpointing)
    {
        IReadOnlyList<string> own = OwnColumns(session.PartyIndex, spec, shape);
        double[][] rows = data.Select(own);
        double[] values = rows.SelectMany(r => r).ToArray();
        IReadOnlyList<string>? ids = spec.Partition == Partition.Vertical ? data.Strings(spec.IdColumn!) : null;
        var dataset = new PartyDataset(values, rows.Length, own.Count, ids);
        return SecureClustering.Run(session, spec, dataset, shape, progress, cancellation, checkpointing);
    }

    /// <summary>Horizontal: all job columns. Vertical: party a's are the first ColumnsA job columns, b's the rest.</summary>
    public static IReadOnlyList<string> OwnColumns(int partyIndex, JobSpec spec, JobShape shape) =>
        spec.Partition == Partition.Horizontal ? spec.Columns
        : partyIndex == 0 ? spec.Columns.Take(shape.ColumnsA).ToArray() : spec.Columns.Skip(shape.ColumnsA).ToArray();
}
