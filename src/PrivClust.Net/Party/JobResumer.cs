using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivClust.Net.Checkpoints;

namespace PrivClust.Net.Party;

/// <summary>
/// At daemon start (after the data is loaded), takes up the jobs a previous run of this daemon left unfinished: each
/// folder under <c>ResultsFolder/.checkpoints/</c> with a manifest whose fingerprint still matches the job spec and this
/// party's data file is resumed; any other (unreadable, data file changed, checkpoints disabled) is deleted with a log line.
/// </summary>
public sealed partial class JobResumer(IOptions<PartyOptions> options, JobManager jobs, ILogger<JobResumer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        string root = CheckpointFolder.Root(options.Value.ResultsFolder);
        if (!Directory.Exists(root))
        {
            return Task.CompletedTask;
        }
        foreach (string folder in Directory.GetDirectories(root))
        {
            string? problem = TryResume(folder);
            if (problem is not null)
            {
                LogDropped(logger, Path.GetFileName(folder), problem);
                Directory.Delete(folder, recursive: true);
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Resumes the job of <paramref name="folder"/>, or says why it cannot.</summary>
    private string? TryResume(string folder)
    {
        if (!options.Value.Checkpoints.Enabled)
        {
            return "checkpoints are disabled (Party:Checkpoints:Enabled)";
        }
        JobManifest manifest;
        Core.Clustering.JobSpec spec;
        try
        {
            manifest = CheckpointFolder.ReadManifest(folder);
            spec = JobSpecWire.FromWire(JsonParser.Default.Parse<Protos.V1.JobSpec>(manifest.SpecJson));
        }
        catch (Exception e) when (e is CheckpointException or InvalidProtocolBufferException or ArgumentException)
        {
            return e.Message;
        }
        if (manifest.JobId != Path.GetFileName(folder))
        {
            return $"its manifest names job {manifest.JobId}";
        }
        if (!Convert.ToHexString(CheckpointFolder.Fingerprint(spec, options.Value.DataPath)).Equals(manifest.Fingerprint, StringComparison.Ordinal))
        {
            return "the job spec or this party's data file changed since the checkpoints were written";
        }
        LogResuming(logger, manifest.JobId);
        jobs.Resume(manifest, spec);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: unfinished at the last stop; resuming it from its checkpoints.")]
    private static partial void LogResuming(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: its checkpoints are not resumed and are deleted: {Reason}.")]
    private static partial void LogDropped(ILogger logger, string jobId, string reason);
}
