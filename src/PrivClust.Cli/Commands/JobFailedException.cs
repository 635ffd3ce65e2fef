namespace PrivClust.Cli.Commands;

/// <summary>A submitted job ended without a result (failed, cancelled or refused); a runtime failure, exit code 1.</summary>
public sealed class JobFailedException(string message) : Exception(message);
