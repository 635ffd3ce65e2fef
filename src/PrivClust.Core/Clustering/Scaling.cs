namespace PrivClust.Core.Clustering;

public enum Scaling
{
    None,
    Standard,
    MinMax,
}
