using Grpc.Core;
using PrivClust.Cli.Commands;
using PrivClust.Cli.Demo;
using PrivClust.Core.Clustering;
using PrivClust.Protos.V1;
using JobSpec = PrivClust.Core.Clustering.JobSpec;

namespace PrivClust.Cli.Tests;

/// <summary>Cancelling a running job through the control API: both parties stop, no result is left, the daemons go on serving.</summary>
public class CancelTests
{
    [Fact]
    public async Task A_job_cancelled_mid_run_ends_at_both_parties_without_a_result_and_the_daemons_serve_the_next_job()
    {
        string folder = Directory.CreateTempSubdirectory("privclust-cancel-").FullName;
        string[] data = [Path.Combine(folder, "a.csv"), Path.Combine(folder, "b.csv")];
        File.WriteAllText(data[0], Support.TestData.UniformSquare(4000, 1));
        File.WriteAllText(data[1], Support.TestData.UniformSquare(4000, 2));
        var slow = new JobSpec { Columns = ["x", "y"], K = 8, MaxIter = 1000, Seed = 5 }; // uniform data: many iterations at ~0.1 s each
        try
        {
            await using EmbeddedParties parties = await EmbeddedParties.StartAsync(slow, data[0], data[1], CancellationToken.None);
            var control = new Control.ControlClient(parties.Channel(0));
            var a = new JobClient(parties.Channel(0));
            var b = new JobClient(parties.Channel(1));
            string jobId = await a.SubmitAsync(slow, CancellationToken.None);
            await RunningAsync(control, jobId);

            await control.CancelAsync(new GetJobRequest { JobId = jobId });

            var quiet = QuietProgressView.Instance;
            JobStatus atA = await a.WaitAsync(jobId, quiet, CancellationToken.None);
            JobStatus atB = await b.WaitAsync(jobId, quiet, CancellationToken.None);
            Assert.Equal(JobState.Cancelled, atA.State);
            Assert.Equal(JobState.Failed, atB.State);
            // b learns it from the link: a's abort frame reaches b before a's side of the stream ends.
            Assert.Contains($"session {jobId}", atB.Error);
            Assert.Contains("the peer aborted the session: its operator cancelled the job", atB.Error);
            Assert.False(Directory.Exists(Path.Combine(parties.Folder, "results-a", jobId)));
            Assert.False(Directory.Exists(Path.Combine(parties.Folder, "results-b", jobId)));
            var failed = await Assert.ThrowsAsync<JobFailedException>(() => a.ResultAsync(atA, CancellationToken.None));
            Assert.Contains("cancelled", failed.Message);

            JobResultFiles next = await a.RunAsync(slow with { K = 2, MaxIter = 3 }, quiet, CancellationToken.None);
            Assert.Contains("\"centroids\"", next.ResultJson);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Waits until the job has finished at least one iteration (so the cancel hits it mid-run).</summary>
    private static async Task RunningAsync(Control.ControlClient control, string jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = control.Watch(new GetJobRequest { JobId = jobId }, cancellationToken: timeout.Token);
        await foreach (JobProgressUpdate update in watch.ResponseStream.ReadAllAsync(timeout.Token))
        {
            Assert.False(JobRecordIsFinal(update.State), $"the job ended ({update.State}) before it could be cancelled");
            if (update.Iteration >= 1)
            {
                return;
            }
        }
    }

    private static bool JobRecordIsFinal(JobState state) => Net.Party.JobRecord.IsFinal(state);
}
