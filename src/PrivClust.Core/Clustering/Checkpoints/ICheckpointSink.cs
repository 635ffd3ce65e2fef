namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>
/// Where a party's job puts its checkpoints (the host writes them to disk atomically). Called on the job's thread at
/// every Lloyd iteration boundary, after the boundary's last round and before the next one; when it returns the
/// checkpoint must be durable enough to resume from.
/// </summary>
public interface ICheckpointSink
{
    void Save(JobCheckpoint checkpoint);
}
