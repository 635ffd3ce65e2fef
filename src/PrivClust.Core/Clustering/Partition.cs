namespace PrivClust.Core.Clustering;

/// <summary>How the joint data is split between the parties.</summary>
public enum Partition
{
    /// <summary>Each party has some rows; the joint data is a's rows then b's rows.</summary>
    Horizontal,
    /// <summary>Each party has some columns of the same entities, joined on an id column.</summary>
    Vertical,
}
