namespace PrivClust.Core.Clustering;

public enum Algorithm
{
    KMeans,
    MeanShift,
    /// <summary>The k-means loss for k in [KMin, K], with the knee.</summary>
    Elbow,
}
