using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivClust.Core.Tests.Clustering.Plaintext;

/// <summary>
/// One scikit-learn reference result written by tools/reference/make_reference.py
/// (schema in docs/plaintext-twins.md).
/// </summary>
public sealed class ReferenceCase
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Name { get; init; } = "";
    public string Algorithm { get; init; } = "";
    public string SklearnVersion { get; init; } = "";
    public Dictionary<string, JsonElement> Params { get; init; } = [];
    public int N { get; init; }
    public int D { get; init; }
    public double[] ColumnStd { get; init; } = [];
    public double[][] Data { get; init; } = [];
    /// <summary>k-means: initial centroids.</summary>
    public double[][]? Init { get; init; }
    /// <summary>mean-shift: seeds.</summary>
    public double[][]? Seeds { get; init; }
    public double[][] Centroids { get; init; } = [];
    public int[] Labels { get; init; } = [];
    public int NIter { get; init; }
    /// <summary>k-means only.</summary>
    public double? Inertia { get; init; }

    [JsonIgnore]
    public double[] FlatData => Flatten(Data);

    public int MaxIter => Params["max_iter"].GetInt32();

    /// <summary>Absolute tolerance for coordinates: 1e-9 × the largest column standard deviation.</summary>
    [JsonIgnore]
    public double Tolerance => 1e-9 * ColumnStd.Max();

    public static ReferenceCase Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", name + ".json");
        return JsonSerializer.Deserialize<ReferenceCase>(File.ReadAllText(path), Options)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    /// <summary>Names of all reference files of an algorithm, for [MemberData].</summary>
    public static TheoryData<string> Names(string algorithm)
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Reference"), algorithm + "_*.json").Order())
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    public static double[] Flatten(double[][] rows) => rows.SelectMany(r => r).ToArray();

    /// <summary>Asserts equal shape and every coordinate within <paramref name="tolerance"/>.</summary>
    public static void AssertClose(double[][] expected, double[] actual, int d, double tolerance)
    {
        Assert.Equal(expected.Length * d, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double diff = Math.Abs(expected[i][j] - actual[i * d + j]);
                Assert.True(diff <= tolerance, $"centroid {i}, column {j}: expected {expected[i][j]:R}, got {actual[i * d + j]:R} (|diff| {diff:E2} > {tolerance:E2})");
            }
        }
    }
}
