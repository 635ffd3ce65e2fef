using System.Diagnostics;
using PrivClust.Core.Arithmetic;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Clustering.Plaintext;
using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// Runs one clustering job for one party on an established session. Both parties call it with the same
/// <see cref="JobSpec"/> and <see cref="JobShape"/> and their own <see cref="PartyDataset"/>. What it opens in clear
/// is exactly the documented outputs (docs/security.md): the centroids, one converged bit per iteration, and what
/// the algorithm or reveal policy names (scaling statistics, elbow losses, the winning restart, vertical labels,
/// sizes, inertia).
/// </summary>
public static class SecureClustering
{
    /// <param name="checkpointing">
    /// k-means only: a sink for a checkpoint at every Lloyd iteration boundary and, to resume, the checkpoint both parties
    /// agreed on (the session must be fresh, with the same common seed and dealer seeds). Ignored by the other algorithms,
    /// which do not resume.
    /// </param>
    public static JobResult Run(PartySession session, JobSpec spec, PartyDataset own, JobShape shape,
        IProgress<JobProgress>? progress = null, CancellationToken cancellation = default, JobCheckpointing? checkpointing = null)
    {
        JobValidation.Validate(spec, shape);
        own.Validate();
        CheckOwnShape(session, spec, own, shape);
        long start = Stopwatch.GetTimestamp();
        if (spec.Seed != 0)
        {
            session.UsePublicSeed(spec.Seed);
        }
        JobCheckpoint? resume = checkpointing?.ResumeFrom;
        if (resume is not null)
        {
            if (spec.Algorithm != Algorithm.KMeans)
            {
                throw new InvalidJobException($"--algorithm {spec.Algorithm}: only k-means jobs resume from a checkpoint");
            }
            session.Restore(resume.Session);
        }
        var context = new JobContext(session, spec, shape, own, progress, start);
        PreparedInput input = context.Prepare(resume?.Statistics);
        SharedData data = resume is null ? Share(session, spec, shape, input) : SharedData.Restore(resume.Data);
        LloydCheckpointer? checkpoints = checkpointing is null || spec.Algorithm != Algorithm.KMeans ? null
            : new LloydCheckpointer(session, checkpointing.Sink, input.Statistics, data, resume);
        return spec.Algorithm switch
        {
            Algorithm.KMeans => context.Finish(input, data, SecureKMeansJob.Run(session, data, spec, spec.K, input.Given(spec.InitialCentroids),
                context.OnIteration, cancellation, checkpoints), spec.K, null),
            Algorithm.Elbow => Elbow(context, input, data, cancellation),
            Algorithm.MeanShift => context.FinishMeanShift(input, data, SecureMeanShift.Run(session, data, spec, input, context.OnIteration, cancellation)),
            _ => throw new InvalidJobException($"--algorithm {spec.Algorithm} is not supported"),
        };
    }

    private static SharedData Share(PartySession session, JobSpec spec, JobShape shape, PreparedInput input)
    {
        using var phase = session.Stats.Phase("input");
        return spec.Partition == Partition.Horizontal
            ? SharedData.Horizontal(session, input.Encoded, shape.RowsA, shape.RowsB, input.Columns)
            : SharedData.Vertical(session, input.Encoded, shape.RowsA, shape.ColumnsA, shape.ColumnsB);
    }

    private static JobResult Elbow(JobContext context, PreparedInput input, SharedData data, CancellationToken cancellation)
    {
        var (losses, runs) = SecureKMeansJob.Elbow(context.Session, data, context.Spec, context.OnIteration, cancellation);
        int knee = ElbowKnee.FindKnee(context.Spec.KMin, losses.Select(l => l.Loss).ToArray()) ?? context.Spec.K;
        return context.Finish(input, data, runs[knee], knee, losses) with { Knee = knee };
    }

    private static void CheckOwnShape(PartySession session, JobSpec spec, PartyDataset own, JobShape shape)
    {
        int rows = session.IsParty0 ? shape.RowsA : shape.RowsB;
        int columns = session.IsParty0 ? shape.ColumnsA : shape.ColumnsB;
        if (own.Rows != rows || own.Columns != columns)
        {
            throw new InvalidJobException($"party {(session.IsParty0 ? 'a' : 'b')}: the data is {own.Rows}×{own.Columns} but the job's shape says {rows}×{columns}");
        }
        if (spec.Partition == Partition.Vertical && own.Ids is null)
        {
            throw new InvalidJobException("--id-column: vertical partitioning needs the ids of each row");
        }
    }
}
