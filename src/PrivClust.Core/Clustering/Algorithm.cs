namespace PrivClust.Core.Clustering;

public enum Algorithm
{
    KMeans,
    MeanShift,
}
