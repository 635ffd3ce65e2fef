namespace PrivClust.Core.Clustering;

/// <summary>Shares of a k-means run's final centroids (k×d, scale f), with its public iteration facts.</summary>
public sealed record LloydOutcome(ulong[] Centroids, int Iterations, bool Converged, IReadOnlyList<bool> ConvergedBits, IReadOnlyList<double> IterationMilliseconds);
