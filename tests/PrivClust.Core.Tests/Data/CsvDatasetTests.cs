using System.Text;
using PrivClust.Core.Data;

namespace PrivClust.Core.Tests.Data;

public sealed class CsvDatasetTests : IDisposable
{
    private static readonly string[] MallColumns = ["Annual Income (k$)", "Spending Score (1-100)"];
    private readonly string _folder = Directory.CreateTempSubdirectory("privclust-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Bundled(string file) => Path.Combine(AppContext.BaseDirectory, "data", file);

    private string Write(string text, bool bom = false)
    {
        string path = Path.Combine(_folder, $"t{Directory.GetFiles(_folder).Length}.csv");
        File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    /// <summary>Loads and expects a DataValidationException; checks it is one line naming the file.</summary>
    private static DataValidationException Fails(string path, string[] columns, string? id = null)
    {
        var e = Assert.Throws<DataValidationException>(() => CsvDataset.Load(path, columns, id));
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        Assert.StartsWith(path, e.Message);
        Assert.Equal(path, e.File);
        return e;
    }

    [Fact]
    public void LoadsTheMallCustomers()
    {
        CsvDataset mall = CsvDataset.Load(Bundled("mall_customers.csv"), MallColumns, "CustomerID");

        Assert.Equal(200, mall.RowCount);
        Assert.Equal(2, mall.ColumnCount);
        Assert.Equal(["CustomerID", "Genre", "Age", "Annual Income (k$)", "Spending Score (1-100)"], mall.Header);
        Assert.Equal([15.0, 39, 15, 81], mall.Values[..4]);
        Assert.Equal([137.0, 83], mall.Values[^2..]);
        Assert.Equal("1", mall.Ids![0]);
        Assert.Equal("200", mall.Ids[^1]);
    }

    [Fact]
    public void TheTwoHalvesMakeTheWhole()
    {
        CsvDataset whole = CsvDataset.Load(Bundled("mall_customers.csv"), MallColumns);
        CsvDataset a = CsvDataset.Load(Bundled("mall-a.csv"), MallColumns);
        CsvDataset b = CsvDataset.Load(Bundled("mall-b.csv"), MallColumns);

        Assert.Equal(100, a.RowCount);
        Assert.Equal(100, b.RowCount);
        Assert.Equal(whole.Values, a.Values.Concat(b.Values));
        Assert.Equal(whole.Header, a.Header);
        Assert.Equal(whole.Header, b.Header);
    }

    [Fact]
    public void ReadsRfc4180QuotingCrlfBomAndBlankLines()
    {
        string path = Write("\"id\",\"x, y\",z\r\n\"a\r\nb\",\"2.5\", 3 \r\n\r\n\"c\"\"d\",-1e2,4\r\n", bom: true);
        CsvDataset data = CsvDataset.Load(path, ["z", "x, y"], "id");

        Assert.Equal(["id", "x, y", "z"], data.Header);
        Assert.Equal(["z", "x, y"], data.Columns);
        Assert.Equal([3.0, 2.5, 4, -100], data.Values);
        Assert.Equal(["a\r\nb", "c\"d"], data.Ids);
    }

    [Fact]
    public void MatchesHeaderNamesAfterTrimming()
    {
        CsvDataset data = CsvDataset.Load(Write("a , b\n1,2\n"), ["b"]);
        Assert.Equal([2.0], data.Values);
    }

    [Fact]
    public void MissingFile() =>
        Assert.Contains("file not found", Fails(Path.Combine(_folder, "none.csv"), ["a"]).Message);

    [Fact]
    public void EmptyFile() => Assert.Contains("empty", Fails(Write(""), ["a"]).Message);

    [Fact]
    public void HeaderOnly() => Assert.Contains("no data rows", Fails(Write("a,b\n"), ["a"]).Message);

    [Fact]
    public void MissingColumn()
    {
        DataValidationException e = Fails(Write("a,b\n1,2\n"), ["c"]);
        Assert.Equal("c", e.Column);
        Assert.Null(e.DataRow);
        Assert.Contains("no such column", e.Message);
    }

    [Fact]
    public void MissingIdColumn() => Assert.Equal("id", Fails(Write("a,b\n1,2\n"), ["a"], "id").Column);

    [Fact]
    public void DuplicateColumnName()
    {
        DataValidationException e = Fails(Write("a,b,a\n1,2,3\n"), ["b"]);
        Assert.Equal("a", e.Column);
        Assert.Contains("fields 1 and 3", e.Message);
    }

    [Fact]
    public void RepeatedRequestedColumnIsAnArgumentError() =>
        Assert.Throws<ArgumentException>(() => CsvDataset.Load(Write("a\n1\n"), ["a", "a"]));

    [Theory]
    [InlineData("abc", "is not a number")]
    [InlineData("\"\"", "empty cell")]
    [InlineData("NaN", "not a finite number")]
    [InlineData("Infinity", "not a finite number")]
    [InlineData("-1e999", "not a finite number")]
    public void BadCellNamesRowAndColumn(string cell, string problem)
    {
        DataValidationException e = Fails(Write($"a,b\n1,2\n3,{cell}\n"), ["a", "b"]);
        Assert.Equal(2, e.DataRow);
        Assert.Equal("b", e.Column);
        Assert.Contains(problem, e.Message);
        Assert.Contains("data row 2 (1-based, header not counted), column \"b\"", e.Message);
    }

    [Fact]
    public void BlankLinesAreNotCountedAsRows()
    {
        DataValidationException e = Fails(Write("a\n\n1\n\nx\n"), ["a"]);
        Assert.Equal(2, e.DataRow);
    }

    [Fact]
    public void ShortRowNamesTheFirstMissingColumn()
    {
        DataValidationException e = Fails(Write("a,b,c\n1,2,3\n4,5\n"), ["a"]);
        Assert.Equal(2, e.DataRow);
        Assert.Equal("c", e.Column);
        Assert.Contains("the row has 2 fields, the header has 3", e.Message);
    }

    [Fact]
    public void LongRowIsRagged()
    {
        DataValidationException e = Fails(Write("a,b\n1,2,3\n"), ["a"]);
        Assert.Equal(1, e.DataRow);
        Assert.Equal("field 3 (beyond the header)", e.Column);
        Assert.Contains("the row has 3 fields, the header has 2", e.Message);
    }

    [Fact]
    public void DuplicateId()
    {
        DataValidationException e = Fails(Write("id,x\n7,1\n8,2\n7,3\n"), ["x"], "id");
        Assert.Equal(3, e.DataRow);
        Assert.Equal("id", e.Column);
        Assert.Contains("duplicate id \"7\" (first seen in data row 1)", e.Message);
    }

    [Fact]
    public void MissingId()
    {
        DataValidationException e = Fails(Write("id,x\n7,1\n,2\n"), ["x"], "id");
        Assert.Equal(2, e.DataRow);
        Assert.Contains("missing id", e.Message);
    }

    [Fact]
    public void MalformedQuoting()
    {
        DataValidationException e = Fails(Write("a,b\n1,2\n3,\"4\"x\n"), ["a"]);
        Assert.Equal(2, e.DataRow);
        Assert.Contains("malformed CSV", e.Message);
    }

    [Fact]
    public void InvalidUtf8()
    {
        string path = Path.Combine(_folder, "latin1.csv");
        File.WriteAllBytes(path, [(byte)'a', (byte)'\n', 0xE9, (byte)'\n']);
        Assert.Contains("not valid UTF-8", Fails(path, ["a"]).Message);
    }
}
