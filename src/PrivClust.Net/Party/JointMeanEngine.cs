using PrivClust.Core.Clustering;
using PrivClust.Core.Protocols;

namespace PrivClust.Net.Party;

/// <summary>
/// A stand-in engine until the secure clustering is wired in: the joint mean of the horizontally split data
/// (one centroid), computed on secret shares. Each party inputs its column sums and row count with no
/// communication, the shares are added locally, and only the totals are opened (one round).
/// </summary>
public sealed class JointMeanEngine : IJobEngine
{
    public EngineResult Run(PartySession session, JobSpec spec, PartyTable data, IProgress<EngineProgress> progress, CancellationToken cancellation)
    {
        double[][] rows = data.Select(spec.Columns);
        int d = spec.Columns.Count;
        var local = new double[d + 1];
        foreach (double[] row in rows)
        {
            for (int c = 0; c < d; c++)
            {
                local[c] += row[c];
            }
        }
        local[d] = rows.Length;
        ulong[] encoded = new ulong[d + 1];
        session.FixedPoint.Encode(local, encoded);
        ulong[] total = new ulong[d + 1], share = new ulong[d + 1];
        for (int owner = 0; owner < 2; owner++)
        {
            Sharing.Input(session, owner, owner == session.PartyIndex ? encoded : [], share);
            Core.Arithmetic.Ring.Add<ulong>(total, share, total);
        }
        cancellation.ThrowIfCancellationRequested();
        ulong[] opened = new ulong[d + 1];
        Sharing.Open<ulong>(session, total, opened, OpeningKind.Output, "joint sums and count");
        double count = session.FixedPoint.Decode(opened[d]);
        double[] mean = Enumerable.Range(0, d).Select(c => session.FixedPoint.Decode(opened[c]) / count).ToArray();
        progress.Report(new EngineProgress(1));
        return new EngineResult([mean], new int[rows.Length], Iterations: 1, Converged: true);
    }
}
