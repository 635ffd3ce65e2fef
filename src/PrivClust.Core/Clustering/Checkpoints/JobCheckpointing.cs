namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>How a job checkpoints: the sink for its checkpoints and, when resuming, the checkpoint both parties agreed on.</summary>
public sealed record JobCheckpointing(ICheckpointSink Sink, JobCheckpoint? ResumeFrom = null);
