using PrivClust.Core.Data;

namespace PrivClust.Cli.Commands;

/// <summary>Public rows given by the operator (--initial-centroids, --seeds): a CSV whose header names the job's columns.</summary>
public static class RowsFile
{
    /// <summary>One array per row, in the job's column order; a bad file is a <see cref="UsageException"/> naming the option, file, row and column.</summary>
    public static double[][] Load(FileInfo file, string option, IReadOnlyList<string> columns)
    {
        try
        {
            CsvDataset data = CsvDataset.Load(file.FullName, columns);
            return [.. data.Values.Chunk(data.ColumnCount)];
        }
        catch (DataValidationException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
    }
}
