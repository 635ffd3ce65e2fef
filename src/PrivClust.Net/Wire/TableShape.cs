namespace PrivClust.Net.Wire;

/// <summary>The public shape of one party's data: rows and columns.</summary>
public readonly record struct TableShape(long Rows, int Columns)
{
    public override string ToString() => $"{Rows}×{Columns}";
}
