namespace PrivClust.Cli.Commands;

/// <summary>A usage or data error: one line naming the option, file, row or column; the CLI exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
