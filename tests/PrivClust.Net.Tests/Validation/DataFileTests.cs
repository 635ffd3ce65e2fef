using System.Text;
using PrivClust.Net.Party;

namespace PrivClust.Net.Tests.Validation;

/// <summary>The daemon's CSV loading (CsvHelper, RFC 4180): what is accepted, and each structural error as one line naming the file and row.</summary>
public class DataFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("privclust-data-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Quotes_crlf_and_a_utf8_bom_are_accepted()
    {
        string path = Write("\"x\",\"y\",\"name\"\r\n\"1.5\",2,\"a, \"\"quoted\"\" name\"\r\n3,-4e1,\"two\r\nlines\"\r\n", bom: true);

        PartyTable table = PartyTableLoader.Load(path);

        Assert.Equal(["x", "y", "name"], table.Header);
        Assert.Equal([[1.5, 2], [3, -40]], table.Select(["x", "y"]));
        Assert.Equal(["a, \"quoted\" name", "two\r\nlines"], table.Strings("name"));
    }

    [Theory]
    [InlineData("", "empty file")]
    [InlineData("x,y\n", "no data rows after the header")]
    [InlineData("x,x\n1,2\n", "duplicate column names")]
    [InlineData("x,y\n1,2\n3\n", "row 2: 1 cells, the header has 2")]
    [InlineData("x,y\n1,2\n3,4,5\n", "row 2: 3 cells, the header has 2")]
    public void A_structural_error_is_one_line_naming_the_file(string csv, string problem)
    {
        string path = Write(csv);

        var error = Assert.Throws<FormatException>(() => PartyTableLoader.Load(path));

        Assert.StartsWith(path, error.Message);
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("x,y\n1,2\n3,abc\n", "row 2, column \"y\": not a finite number")]
    [InlineData("x,y\n1,NaN\n", "row 1, column \"y\": not a finite number")]
    [InlineData("x,y\n1,2\n-Infinity,2\n", "row 2, column \"x\": not a finite number")]
    [InlineData("x,y\n1,1e999\n", "row 1, column \"y\": not a finite number")]
    [InlineData("x,y\n1,\n", "row 1, column \"y\": not a finite number")]
    public void A_bad_cell_is_named_by_file_row_and_column_without_its_value(string csv, string problem)
    {
        string path = Write(csv);
        var spec = new Core.Clustering.JobSpec { Columns = ["x", "y"], K = 1 };

        string? error = JobInputCheck.DataProblem(spec, PartyTableLoader.Load(path));

        Assert.Equal($"{path}, {problem}.", error);
    }

    [Theory]
    [InlineData("x,y\n0.5,1\n-1,0.25\n0.5,1.0001\n", 1.0, "row 3, column \"y\": outside the declared --value-bound 1")]
    [InlineData("x,y\n0.5,1\n-2.5,0.25\n", 2.0, "row 2, column \"x\": outside the declared --value-bound 2")]
    public void A_value_outside_the_declared_bound_is_named_by_file_row_and_column_without_its_value(string csv, double bound, string problem)
    {
        string path = Write(csv);
        var spec = new Core.Clustering.JobSpec { Columns = ["x", "y"], K = 1, ValueBound = bound };

        Assert.Equal($"{path}, {problem}.", JobInputCheck.DataProblem(spec, PartyTableLoader.Load(path)));
        Assert.Null(JobInputCheck.DataProblem(spec with { ValueBound = 3 }, PartyTableLoader.Load(path)));
        Assert.Equal("--value-bound must be a positive number (got -1)", JobInputCheck.ParameterProblem(spec with { ValueBound = -1 }));
    }

    [Theory]
    [InlineData("id,x\n1,5\n2,6\n1,7\n", "row 3, column \"id\": duplicate id (first in row 1)")]
    [InlineData("id,x\n1,5\n,6\n", "row 2, column \"id\": empty id")]
    public void Vertical_ids_must_be_present_and_unique(string csv, string problem)
    {
        string path = Write(csv);
        var spec = new Core.Clustering.JobSpec { Columns = ["x", "z"], K = 1, Partition = Core.Clustering.Partition.Vertical, IdColumn = "id" };

        Assert.Equal($"{path}, {problem}.", JobInputCheck.DataProblem(spec, PartyTableLoader.Load(path)));
    }

    private string Write(string text, bool bom = false)
    {
        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N")[..8] + ".csv");
        File.WriteAllBytes(path, [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)]);
        return path;
    }
}
