using Microsoft.Extensions.Options;
using PrivClust.Core.Clustering;
using PrivClust.Core.Results;

namespace PrivClust.Net.Party;

/// <summary>
/// Writes a job's results under the results folder atomically: <c>result.json</c> (version 1, DESIGN §7,
/// with this party's labels) and <c>labels.csv</c>, so a job leaves either a complete result or none.
/// </summary>
public sealed class ResultWriter(IOptions<PartyOptions> options)
{
    /// <summary>Writes and returns the job's result folder.</summary>
    public string Write(string jobId, JobResult result, JobRunSummary summary)
    {
        string final = Path.Combine(Path.GetFullPath(options.Value.ResultsFolder), jobId);
        string own = summary.PartyName, peer = own == "a" ? "b" : "a";
        var bytes = new Dictionary<string, long> { [own] = summary.BytesSent, [peer] = summary.BytesReceived, ["dealer"] = summary.DealerBytes };
        AtomicDirectory.Write(final, new Dictionary<string, string>
        {
            ["result.json"] = ResultDocument.ToJson(result with { Rounds = summary.Rounds, WallMilliseconds = summary.WallMs },
                new Dictionary<string, int[]> { [own] = result.OwnLabels }, bytes),
            ["labels.csv"] = ResultDocument.LabelsCsv(result.OwnLabels),
        });
        return final;
    }
}
