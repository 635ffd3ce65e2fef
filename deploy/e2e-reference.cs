#:project ../src/PrivClust.Core/PrivClust.Core.csproj
// The e2e check's reference: the same k-means job (horizontal, farthest init, public seed) run by the in-process
// engine (TwoPartyHarness: both parties and the dealer in this process) on the same split, compared with the
// result.json the containers wrote. Usage:
//   dotnet run deploy/e2e-reference.cs -- RESULT_JSON DATA_A DATA_B K SEED COLUMN [COLUMN...]
//   dotnet run deploy/e2e-reference.cs -- --compare RESULT_JSON OTHER_RESULT_JSON
// Exit 0 when the centroids agree (same order, within 1e-3 per coordinate: the fixed-point truncation may differ in
// its last bit between two runs with different dealer randomness), 1 when not, 2 on usage errors.
using System.Globalization;
using System.Text.Json;
using PrivClust.Core.Clustering;
using PrivClust.Core.Data;
using PrivClust.Core.Harness;

static double[][] Centroids(string path)
{
    using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
    return [.. doc.RootElement.GetProperty("centroids").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())];
}
static string Show(double[][] c) => string.Join(" ", c.Select(r => "[" + string.Join(", ", r.Select(v => v.ToString("0.000", CultureInfo.InvariantCulture))) + "]"));
static int Compare(string what, double[][] actual, double[][] expected)
{
    Console.WriteLine($"containers: {Show(actual)}");
    Console.WriteLine($"{what}: {Show(expected)}");
    bool same = actual.Length == expected.Length
        && actual.Zip(expected).All(p => p.First.Length == p.Second.Length && p.First.Zip(p.Second).All(v => Math.Abs(v.First - v.Second) <= 1e-3));
    Console.WriteLine(same ? "centroids agree" : "centroids DIFFER");
    return same ? 0 : 1;
}

if (args.Length == 3 && args[0] == "--compare")
{
    return Compare("  embedded", Centroids(args[1]), Centroids(args[2]));
}
if (args.Length < 6)
{
    Console.Error.WriteLine("usage: e2e-reference.cs RESULT_JSON DATA_A DATA_B K SEED COLUMN [COLUMN...]");
    return 2;
}
string[] columns = args[5..];
var spec = new JobSpec
{
    Algorithm = Algorithm.KMeans,
    Partition = Partition.Horizontal,
    Columns = columns,
    K = int.Parse(args[3], CultureInfo.InvariantCulture),
    Init = InitMethod.Farthest,
    Seed = ulong.Parse(args[4], CultureInfo.InvariantCulture),
};
CsvDataset a = CsvDataset.Load(args[1], columns), b = CsvDataset.Load(args[2], columns);
var shape = new JobShape(a.RowCount, b.RowCount, a.ColumnCount, b.ColumnCount);
var result = TwoPartyHarness.Run(42, session =>
{
    CsvDataset own = session.IsParty0 ? a : b;
    return SecureClustering.Run(session, spec, new PartyDataset(own.Values, own.RowCount, own.ColumnCount), shape);
});
return Compare("in-process", Centroids(args[0]), result.Party0.Centroids);
