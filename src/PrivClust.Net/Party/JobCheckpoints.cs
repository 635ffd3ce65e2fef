using Google.Protobuf;
using PrivClust.Net.Checkpoints;
using PrivClust.Net.Peer;

namespace PrivClust.Net.Party;

/// <summary>A job's checkpoints at this party: its folder, the fingerprint they belong to, and the latest one present.</summary>
public sealed class JobCheckpoints(CheckpointFolder folder, byte[] fingerprint)
{
    public CheckpointFolder Folder { get; } = folder;
    public byte[] Fingerprint { get; } = fingerprint;

    public long? Latest => Folder.Numbers() is [.., long last] ? last : null;

    /// <summary>
    /// The checkpoints of a job (k-means, elbow or mean-shift) when they are enabled (null otherwise). A job that starts
    /// here records itself in the folder's manifest, so that a restarted daemon finds it.
    /// </summary>
    public static JobCheckpoints? For(PartyOptions options, JobRecord job, SessionParameters parameters, bool resuming)
    {
        if (!options.Checkpoints.Enabled)
        {
            return null;
        }
        var checkpoints = new JobCheckpoints(new CheckpointFolder(options.ResultsFolder, job.Id), CheckpointFolder.Fingerprint(job.Spec, options.DataPath));
        if (!resuming)
        {
            Wire.TableShape peer = parameters.ExpectedPeerShape ?? default;
            checkpoints.Folder.WriteManifest(new JobManifest(job.Id, JsonFormatter.Default.Format(JobSpecWire.ToWire(job.Spec)), job.ProposedHere,
                peer.Rows, peer.Columns, Convert.ToHexString(checkpoints.Fingerprint)));
        }
        return checkpoints;
    }
}
