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
    /// A sink for a checkpoint at every iteration boundary (k-means and elbow: every Lloyd boundary; mean-shift: every
    /// iteration) and, to resume, the checkpoint both parties agreed on (the session must be fresh, with the same common
    /// seed and dealer seeds). A checkpoint of another algorithm is refused.
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
            if (resume.State.Algorithm != spec.Algorithm)
            {
                throw new InvalidJobException($"--algorithm {spec.Algorithm}: the checkpoint to resume from is of a {resume.State.Algorithm} job");
            }
            session.Restore(resume.Session);
        }
        var context = new JobContext(session, spec, shape, own, progress, start);
        PreparedInput input = context.Prepare(resume?.Statistics);
        if (resume is null && spec.Algorithm == Algorithm.MeanShift)
        {
            SecureMeanShift.AnnounceStart(session, spec, input, shape.TotalRows(spec.Partition), s => Share(s, spec, shape, input));
        }
        SharedData data = resume is null ? Share(session, spec, shape, input) : SharedData.Restore(resume.Data);
        JobCheckpointer? checkpoints = checkpointing is null ? null : new JobCheckpointer(session, checkpointing.Sink, input.Statistics, data, resume);
        return spec.Algorithm switch
        {
            Algorithm.KMeans => context.Finish(input, data, SecureKMeansJob.Run(session, data, spec, spec.K, input.Given(spec.InitialCentroids),
                context.OnIteration, cancellation, checkpoints?.Lloyd(checkpoints.Resume as KMeansState, state => state)), spec.K, null),
            Algorithm.Elbow => Elbow(context, input, data, cancellation, checkpoints),
            Algorithm.MeanShift => context.FinishMeanShift(input, data, SecureMeanShift.Run(session, data, spec, input, context.OnIteration, cancellation,
                checkpoints?.Resume as MeanShiftState, checkpoints is null ? null : checkpoints.Save)),
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

    private static JobResult Elbow(JobContext context, PreparedInput input, SharedData data, CancellationToken cancellation, JobCheckpointer? checkpoints)
    {
        var (losses, runs) = SecureKMeansJob.Elbow(context.Session, data, context.Spec, context.OnIteration, cancellation, checkpoints);
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
