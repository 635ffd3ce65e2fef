using PrivClust.Protos.V1;

namespace PrivClust.Cli.Commands;

/// <summary>The public facts of a progress update as short texts, shared by the plain and the live displays.</summary>
public sealed record ProgressFacts(string State, string Iteration, string Converged, string Elapsed, string Rounds, string Sent, string Received, string Rate)
{
    public static ProgressFacts Of(JobProgressUpdate update, double elapsedMs)
    {
        double seconds = elapsedMs / 1000.0;
        long bytes = update.BytesSent + update.BytesReceived;
        string rate = seconds > 0 && bytes > 0
            ? $"{ProgressPrinter.Bytes((long)(bytes / seconds))}/s, {update.Rounds / seconds:0} rounds/s"
            : "-";
        return new ProgressFacts(
            update.State.ToString().ToLowerInvariant(),
            update.Iteration.ToString(System.Globalization.CultureInfo.InvariantCulture),
            update.Iteration == 0 ? "-" : update.Converged ? "yes" : "no",
            $"{seconds:0.0} s",
            update.Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ProgressPrinter.Bytes(update.BytesSent),
            ProgressPrinter.Bytes(update.BytesReceived),
            rate);
    }
}
