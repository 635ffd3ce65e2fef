using PrivClust.Core.Correlations;

namespace PrivClust.Core.Clustering;

/// <summary>
/// The dealer requests of a k-means start (<see cref="SecureLloyd.RehearseStart"/>): what runs before the first iteration
/// (an init; empty when none was rehearsed), then the first iteration's distances round and the rest of it.
/// </summary>
internal sealed record RehearsedStart(List<CorrelationRequest> Before, List<CorrelationRequest> Distances, List<CorrelationRequest> Plan);
