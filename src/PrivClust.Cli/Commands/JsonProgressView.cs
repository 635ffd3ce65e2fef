using System.Text.Json.Nodes;
using PrivClust.Protos.V1;

namespace PrivClust.Cli.Commands;

/// <summary>
/// <c>--json</c>: one JSON object per line on stderr, for scripts: <c>{"event":"submitted","job_id":...}</c>, then
/// <c>{"event":"progress","job_id","state","iteration","converged","elapsed_ms","rounds","bytes_sent","bytes_received","dealer_bytes"}</c>.
/// </summary>
public sealed class JsonProgressView(TextWriter output) : IProgressView
{
    public void Submitted(string jobId) => output.WriteLine(new JsonObject { ["event"] = "submitted", ["job_id"] = jobId }.ToJsonString());

    public void Show(JobProgressUpdate update) => output.WriteLine(new JsonObject
    {
        ["event"] = "progress",
        ["job_id"] = update.JobId,
        ["state"] = update.State.ToString().ToLowerInvariant(),
        ["iteration"] = update.Iteration,
        ["converged"] = update.Converged,
        ["elapsed_ms"] = Math.Round(update.ElapsedMs, 3),
        ["rounds"] = update.Rounds,
        ["bytes_sent"] = update.BytesSent,
        ["bytes_received"] = update.BytesReceived,
        ["dealer_bytes"] = update.DealerBytes,
    }.ToJsonString());

    public Task DoneAsync()
    {
        output.Flush();
        return Task.CompletedTask;
    }
}
