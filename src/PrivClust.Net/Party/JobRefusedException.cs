namespace PrivClust.Net.Party;

/// <summary>A job this party will not run (its own policy or data say no); the message is the reason.</summary>
public sealed class JobRefusedException(string reason) : Exception(reason);
