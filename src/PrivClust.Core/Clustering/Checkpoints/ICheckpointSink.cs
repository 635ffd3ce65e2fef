namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>
/// Where a party's job puts its checkpoints (the host writes them to disk atomically). Called on the job's thread at
/// every Lloyd iteration boundary, after the boundary's last round and before the next one. The host may make a
/// checkpoint durable as late as the next boundary (it must then copy what it keeps: the state's arrays are the engine's).
/// </summary>
public interface ICheckpointSink
{
    void Save(JobCheckpoint checkpoint);
}
