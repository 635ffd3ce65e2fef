namespace PrivClust.Net.Checkpoints;

/// <summary>A checkpoint that cannot be used (corrupted, of another job or data file, missing); the message says which and why.</summary>
public sealed class CheckpointException(string message) : Exception(message);
