using CsvHelper;

namespace PrivClust.Net.Party;

/// <summary>Reads a party's CSV (RFC 4180, header row) with CsvHelper; ragged rows and empty files are errors naming the file and row.</summary>
public static class PartyTableLoader
{
    public static PartyTable Load(string path)
    {
        var options = new CsvReaderOptions
        {
            FieldCountMismatch = CsvFieldCountHandling.Allow, // checked here, with the file and row in the message
            IncludeValuesInExceptions = false,
        };
        using CsvReader csv = CsvReader.FromFile(path, options);
        string[] header = [.. csv.Headers];
        if (header.Length == 0)
        {
            throw new FormatException($"{path}: empty file (a header row is needed).");
        }
        if (header.Distinct(StringComparer.Ordinal).Count() != header.Length)
        {
            throw new FormatException($"{path}: duplicate column names in the header.");
        }
        var rows = new List<string[]>();
        while (csv.Read())
        {
            if (csv.FieldCount != header.Length)
            {
                throw new FormatException($"{path}, row {rows.Count + 1}: {csv.FieldCount} cells, the header has {header.Length}.");
            }
            var record = new string[header.Length];
            for (int i = 0; i < record.Length; i++)
            {
                record[i] = csv.GetString(i).Trim();
            }
            rows.Add(record);
        }
        if (rows.Count == 0)
        {
            throw new FormatException($"{path}: no data rows after the header.");
        }
        return new PartyTable(path, header, rows);
    }
}
