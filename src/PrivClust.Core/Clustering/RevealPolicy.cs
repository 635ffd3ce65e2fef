namespace PrivClust.Core.Clustering;

/// <summary>Outputs beyond centroids, labels, iterations and converged bits, revealed only when named.</summary>
[Flags]
public enum RevealPolicy
{
    None = 0,
    Sizes = 1,
    Inertia = 2,
}
