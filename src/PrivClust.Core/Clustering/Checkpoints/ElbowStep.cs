namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>One finished k of an elbow sweep: its opened loss and its k-means run (centroid shares and public facts).</summary>
public sealed record ElbowStep(int K, double Loss, LloydOutcome Run);
