using System.Text.Json;

namespace PrivClust.Cli.Commands;

/// <summary>What the CLI prints of a <c>result.json</c> (version 1, DESIGN §7).</summary>
public sealed record ResultSummary(
    string Algorithm, string Partition, IReadOnlyList<string> Columns, double[][] Centroids, int Iterations, bool Converged,
    long Rounds, double WallMs, IReadOnlyDictionary<string, long> Bytes, long[]? Sizes, double? Inertia,
    IReadOnlyList<(int K, double Loss)>? Elbow, int? Knee)
{
    /// <summary>Reads a result document; a malformed one is a <see cref="JsonException"/>.</summary>
    public static ResultSummary Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        if (root.GetProperty("version").GetInt32() != 1)
        {
            throw new JsonException($"result.json version {root.GetProperty("version")} is not supported (1 is).");
        }
        JsonElement metrics = root.GetProperty("metrics");
        JsonElement? elbow = root.TryGetProperty("elbow", out JsonElement e) ? e : null;
        return new ResultSummary(
            root.GetProperty("algorithm").GetString() ?? "",
            root.GetProperty("partition").GetString() ?? "",
            [.. root.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? "")],
            [.. root.GetProperty("centroids").EnumerateArray().Select(Numbers)],
            root.GetProperty("iterations").GetInt32(),
            root.GetProperty("converged").GetBoolean(),
            metrics.GetProperty("rounds").GetInt64(),
            metrics.GetProperty("wall_ms").GetDouble(),
            metrics.GetProperty("bytes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()),
            root.TryGetProperty("sizes", out JsonElement sizes) ? [.. sizes.EnumerateArray().Select(s => s.GetInt64())] : null,
            root.TryGetProperty("inertia", out JsonElement inertia) ? inertia.GetDouble() : null,
            elbow is { } el ? [.. el.GetProperty("losses").EnumerateArray().Select(l => (l.GetProperty("k").GetInt32(), l.GetProperty("loss").GetDouble()))] : null,
            elbow is { } kn && kn.GetProperty("knee").ValueKind == JsonValueKind.Number ? kn.GetProperty("knee").GetInt32() : null);
    }

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];
}
