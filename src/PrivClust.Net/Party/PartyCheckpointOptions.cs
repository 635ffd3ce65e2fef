namespace PrivClust.Net.Party;

/// <summary>Checkpoint and resume of jobs (section "Party:Checkpoints").</summary>
public sealed class PartyCheckpointOptions
{
    /// <summary>Write a checkpoint at every iteration boundary (Lloyd or mean-shift) and resume a job after a restart or a broken peer link.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a party whose peer vanished mid-job (with a checkpoint to resume from) waits for the peer to come back and
    /// resume, and how long a restarted party waits for its peer, before the job fails.
    /// </summary>
    public TimeSpan PeerResumeTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
