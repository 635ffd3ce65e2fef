using PrivClust.Protos.V1;

namespace PrivClust.Net.Wire;

/// <summary>The public shape of one party's data: rows and columns.</summary>
public readonly record struct TableShape(long Rows, int Columns)
{
    public override string ToString() => $"{Rows}×{Columns}";

    public DataShape ToWire() => new() { Rows = Rows, Columns = Columns };

    /// <summary>The shape, or null when the message carried none.</summary>
    public static TableShape? FromWire(DataShape? shape) => shape is null ? null : new TableShape(shape.Rows, shape.Columns);
}
