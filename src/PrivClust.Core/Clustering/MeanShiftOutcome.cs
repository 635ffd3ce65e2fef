namespace PrivClust.Core.Clustering;

/// <summary>The merged mean-shift centres (opened, scaled space, row-major) with the run's public facts.</summary>
internal sealed record MeanShiftOutcome(double[] Centroids, int Count, int Iterations, bool Converged, IReadOnlyList<bool> ConvergedBits,
    IReadOnlyList<double> IterationMilliseconds);
