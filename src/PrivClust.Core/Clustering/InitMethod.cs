namespace PrivClust.Core.Clustering;

public enum InitMethod
{
    Farthest,
    KMeansPlusPlus,
    Random,
    Given,
}
