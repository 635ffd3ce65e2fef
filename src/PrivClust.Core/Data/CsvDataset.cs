using System.Globalization;
using System.Text;
using CsvHelper;

namespace PrivClust.Core.Data;

/// <summary>
/// Numeric columns (and optionally an id column) read from an RFC 4180 CSV file with a header row.
/// </summary>
/// <remarks>
/// <para>Accepted: comma separator, quoted fields (with doubled quotes and embedded line breaks), LF or CRLF
/// line ends, UTF-8 with or without BOM, blank lines (skipped). Header names are matched after trimming
/// surrounding white space; numbers use the invariant culture (<c>1.5</c>, <c>-2e3</c>; surrounding white
/// space allowed, no thousands separators).</para>
/// <para>Rejected with a <see cref="DataValidationException"/> naming file, data row (1-based, header not
/// counted) and column: missing or unreadable file, empty file, header without data rows, duplicate
/// header names, a requested column or id column absent from the header, a row whose field count differs
/// from the header's, an empty or non-numeric cell, NaN or ±infinity (including overflow such as 1e999),
/// an empty or duplicate id, malformed CSV and invalid UTF-8.</para>
/// </remarks>
public sealed class CsvDataset
{
    private CsvDataset(string path, string[] header, string[] columns, double[] values, int rowCount, string[]? ids)
    {
        Path = path;
        Header = header;
        Columns = columns;
        Values = values;
        RowCount = rowCount;
        Ids = ids;
    }

    /// <summary>The file as given to <see cref="Load"/>.</summary>
    public string Path { get; }

    /// <summary>All header names of the file, trimmed, in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The selected columns, in the order requested.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The selected values, row-major <see cref="RowCount"/> × <see cref="ColumnCount"/>, rows in file order.</summary>
    public double[] Values { get; }

    /// <summary>Number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>Number of selected columns.</summary>
    public int ColumnCount => Columns.Count;

    /// <summary>The id of each row (raw cell text), or null when no id column was requested.</summary>
    public IReadOnlyList<string>? Ids { get; }

    /// <summary>Reads the file and returns the requested numeric columns (and ids).</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">Names of the numeric columns to read, at least one, no repeats.</param>
    /// <param name="idColumn">Name of the id column (any non-empty text, unique per row), or null.</param>
    /// <exception cref="DataValidationException">The file is missing or its contents are invalid.</exception>
    /// <exception cref="ArgumentException">The column list is empty or repeats a name.</exception>
    public static CsvDataset Load(string path, IReadOnlyList<string> columns, string? idColumn = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("At least one column is needed.", nameof(columns));
        }
        string? repeated = columns.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
        {
            throw new ArgumentException($"Column \"{repeated}\" is requested twice.", nameof(columns));
        }
        if (!File.Exists(path))
        {
            throw new DataValidationException(path, null, null, "file not found");
        }

        byte[] bytes = ReadBytes(path);
        var reader = new Reader(path, columns.ToArray(), idColumn);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false, // the header is validated by Reader like any other record
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow, // Reader reports it with row and column
        };
        try
        {
            using CsvReader csv = CsvReader.Create(bytes, options);
            var record = new List<string>();
            while (csv.Read())
            {
                record.Clear();
                for (int i = 0; i < csv.FieldCount; i++)
                {
                    record.Add(csv.GetString(i) ?? "");
                }
                reader.Add(record);
            }
        }
        catch (CsvFormatException e)
        {
            throw reader.Error("malformed CSV (" + FirstLine(e.Message) + ")", e);
        }
        return reader.Finish();
    }

    /// <summary>The file's bytes, checked to be valid UTF-8.</summary>
    private static byte[] ReadBytes(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataValidationException(path, null, null, "cannot read the file: " + FirstLine(e.Message), e);
        }
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new DataValidationException(path, null, null, $"the file is not valid UTF-8 (byte offset {e.Index})", e);
        }
        return bytes;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>Validates records one at a time; the first record is the header.</summary>
    private sealed class Reader(string path, string[] columns, string? idColumn)
    {
        private readonly List<double> _values = [];
        private readonly List<string>? _ids = idColumn is null ? null : [];
        private readonly Dictionary<string, int> _idRows = new(StringComparer.Ordinal);
        private string[]? _header;
        private int[] _positions = [];
        private int _idPosition = -1;
        private int _rows;

        public void Add(List<string> record)
        {
            if (_header is null)
            {
                ReadHeader(record);
                return;
            }
            _rows++;
            if (record.Count != _header.Length)
            {
                string column = record.Count < _header.Length ? _header[record.Count] : $"field {_header.Length + 1} (beyond the header)";
                throw Cell(column, $"the row has {record.Count} fields, the header has {_header.Length}");
            }
            for (int c = 0; c < columns.Length; c++)
            {
                _values.Add(ParseNumber(record[_positions[c]], columns[c]));
            }
            if (_ids is not null)
            {
                AddId(record[_idPosition]);
            }
        }

        public CsvDataset Finish()
        {
            if (_header is null)
            {
                throw new DataValidationException(path, null, null, "the file is empty (no header row)");
            }
            if (_rows == 0)
            {
                throw new DataValidationException(path, null, null, "the file has a header but no data rows");
            }
            return new CsvDataset(path, _header, columns, _values.ToArray(), _rows, _ids?.ToArray());
        }

        /// <summary>An error at the current position: the header, or the data row being read.</summary>
        public DataValidationException Error(string problem, Exception inner) =>
            _header is null
                ? new DataValidationException(path, null, null, "header: " + problem, inner)
                : new DataValidationException(path, _rows + 1, null, problem, inner);

        private DataValidationException Cell(string column, string problem) => new(path, _rows, column, problem);

        private void ReadHeader(List<string> record)
        {
            _header = record.Select(h => h.Trim()).ToArray();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < _header.Length; i++)
            {
                if (!seen.TryAdd(_header[i], i))
                {
                    throw new DataValidationException(path, null, _header[i],
                        $"the header repeats this name (fields {seen[_header[i]] + 1} and {i + 1})");
                }
            }
            _positions = columns.Select(c => HeaderPosition(seen, c)).ToArray();
            if (idColumn is not null)
            {
                _idPosition = HeaderPosition(seen, idColumn);
            }
        }

        private int HeaderPosition(Dictionary<string, int> positions, string column) =>
            positions.TryGetValue(column.Trim(), out int position)
                ? position
                : throw new DataValidationException(path, null, column,
                    $"no such column in the header (the header has: {string.Join(", ", _header!)})");

        private double ParseNumber(string cell, string column)
        {
            if (string.IsNullOrWhiteSpace(cell))
            {
                throw Cell(column, "empty cell, a number is needed");
            }
            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw Cell(column, $"\"{Shorten(cell)}\" is not a number");
            }
            if (!double.IsFinite(value))
            {
                throw Cell(column, $"\"{Shorten(cell)}\" is not a finite number (NaN, infinity and overflow are rejected)");
            }
            return value;
        }

        private void AddId(string id)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw Cell(idColumn!, "missing id (empty cell)");
            }
            if (!_idRows.TryAdd(id, _rows))
            {
                throw Cell(idColumn!, $"duplicate id \"{Shorten(id)}\" (first seen in data row {_idRows[id]})");
            }
            _ids!.Add(id);
        }

        private static string Shorten(string text)
        {
            string oneLine = text.ReplaceLineEndings(" ");
            return oneLine.Length <= 40 ? oneLine : oneLine[..40] + "…";
        }
    }
}
