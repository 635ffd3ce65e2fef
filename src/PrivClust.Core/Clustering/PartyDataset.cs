namespace PrivClust.Core.Clustering;

/// <summary>
/// One party's private input to a job: its rows of the job's columns (horizontal) or its columns of all rows
/// (vertical), row-major, in the party's file order, in original units. For vertical jobs, <see cref="Ids"/>
/// holds each row's id.
/// </summary>
public sealed record PartyDataset(double[] Values, int Rows, int Columns, IReadOnlyList<string>? Ids = null)
{
    public double this[int row, int column] => Values[row * Columns + column];

    /// <summary>Checks the shape; throws <see cref="ArgumentException"/> on a mismatch.</summary>
    public void Validate()
    {
        if (Rows < 0 || Columns < 1 || Values.Length != Rows * Columns)
        {
            throw new ArgumentException($"A dataset of {Rows}×{Columns} needs {Rows * Columns} values, got {Values.Length}.");
        }
        if (Ids is not null && Ids.Count != Rows)
        {
            throw new ArgumentException($"A dataset of {Rows} rows needs {Rows} ids, got {Ids.Count}.");
        }
    }
}
