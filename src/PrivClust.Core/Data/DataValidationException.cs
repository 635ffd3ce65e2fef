namespace PrivClust.Core.Data;

/// <summary>
/// Bad input data. <see cref="Exception.Message"/> is one line naming the file and, where they apply,
/// the row (1-based data row; the header is not counted) and the column.
/// </summary>
public sealed class DataValidationException : Exception
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    /// <param name="file">The file as the user named it.</param>
    /// <param name="dataRow">1-based data row (header not counted), or null for the file or its header.</param>
    /// <param name="column">The column name, or null.</param>
    /// <param name="problem">What is wrong, without file/row/column (one line).</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public DataValidationException(string file, int? dataRow, string? column, string problem, Exception? inner = null)
        : base(Compose(file, dataRow, column, problem), inner)
    {
        File = file;
        DataRow = dataRow;
        Column = column;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>1-based data row (header not counted), or null when the problem is not in a data row.</summary>
    public int? DataRow { get; }

    /// <summary>The column name, or null.</summary>
    public string? Column { get; }

    /// <summary>"file: data row R (header not counted), column "C": problem" with absent parts left out.</summary>
    private static string Compose(string file, int? dataRow, string? column, string problem)
    {
        var where = new List<string>();
        if (dataRow is int row)
        {
            where.Add($"data row {row} (1-based, header not counted)");
        }
        if (column is not null)
        {
            where.Add($"column \"{column}\"");
        }
        string location = where.Count == 0 ? file : $"{file}, {string.Join(", ", where)}";
        return OneLine($"{location}: {problem}");
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
