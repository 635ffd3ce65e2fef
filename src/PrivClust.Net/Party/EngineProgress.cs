namespace PrivClust.Net.Party;

/// <summary>An engine's report after an iteration (public information only).</summary>
public sealed record EngineProgress(int Iteration);
