using System.Globalization;

namespace PrivClust.Net.Party;

/// <summary>
/// One party's CSV as loaded at start: the header and the cells. Numeric columns are parsed on selection,
/// and a bad cell is reported with file, row and column.
/// </summary>
public sealed class PartyTable(string path, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
{
    public string Path { get; } = path;
    public IReadOnlyList<string> Header { get; } = header;
    public int RowCount => rows.Count;

    public bool HasColumn(string column) => Header.Contains(column, StringComparer.Ordinal);

    /// <summary>The named columns as numbers, row-major (one array per row), or a <see cref="FormatException"/> naming file, row and column.</summary>
    public double[][] Select(IReadOnlyList<string> columns)
    {
        int[] indexes = columns.Select(ColumnIndex).ToArray();
        var result = new double[rows.Count][];
        for (int r = 0; r < rows.Count; r++)
        {
            result[r] = new double[indexes.Length];
            for (int c = 0; c < indexes.Length; c++)
            {
                result[r][c] = Parse(rows[r][indexes[c]], r, columns[c]);
            }
        }
        return result;
    }

    /// <summary>The named column's cells as text (ids), or a <see cref="FormatException"/> naming the file and column.</summary>
    public IReadOnlyList<string> Strings(string column)
    {
        int index = ColumnIndex(column);
        return rows.Select(r => r[index]).ToArray();
    }

    private int ColumnIndex(string column)
    {
        int index = Header.ToList().IndexOf(column);
        return index >= 0 ? index : throw new FormatException($"{Path}: no column \"{column}\" (columns: {string.Join(", ", Header)}).");
    }

    private double Parse(string cell, int row, string column)
    {
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            // Row numbers are 1-based data rows after the header, as a spreadsheet shows them minus one.
            throw new FormatException($"{Path}, row {row + 1}, column \"{column}\": not a finite number.");
        }
        return value;
    }
}
