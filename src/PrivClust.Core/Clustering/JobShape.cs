namespace PrivClust.Core.Clustering;

/// <summary>
/// The public shape of a job, exchanged in the handshake: rows and columns of each party's data.
/// Horizontal: ColumnsA = ColumnsB = d, n = RowsA + RowsB. Vertical: RowsA = RowsB = n, d = ColumnsA + ColumnsB.
/// </summary>
public sealed record JobShape(int RowsA, int RowsB, int ColumnsA, int ColumnsB)
{
    public int TotalRows(Partition partition) => partition == Partition.Horizontal ? RowsA + RowsB : RowsA;

    public int TotalColumns(Partition partition) => partition == Partition.Horizontal ? ColumnsA : ColumnsA + ColumnsB;
}
