using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrivClust.Cli.Demo;

/// <summary>
/// The demo's result.json (version 1, DESIGN §7): the document party a's daemon wrote (Core's ResultDocument), with
/// party b's labels added beside a's and the dealer's bytes as party b received them (party a gets only a seed).
/// </summary>
public static class DemoResult
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Merge(string resultA, string resultB)
    {
        JsonNode a = JsonNode.Parse(resultA) ?? throw new JsonException("party a's result.json is empty");
        JsonNode b = JsonNode.Parse(resultB) ?? throw new JsonException("party b's result.json is empty");
        a["labels"]!["b"] = b["labels"]!["b"]!.DeepClone();
        a["metrics"]!["bytes"]!["dealer"] = b["metrics"]!["bytes"]!["dealer"]!.DeepClone();
        return a.ToJsonString(Indented);
    }

    /// <summary>The labels of a's rows, then b's.</summary>
    public static int[] JointLabels(string merged)
    {
        JsonNode labels = JsonNode.Parse(merged)!["labels"]!;
        return [.. labels["a"]!.AsArray().Select(v => v!.GetValue<int>()), .. labels["b"]!.AsArray().Select(v => v!.GetValue<int>())];
    }
}
