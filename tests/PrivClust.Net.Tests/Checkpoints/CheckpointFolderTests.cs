using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Harness;
using PrivClust.Net.Checkpoints;

namespace PrivClust.Net.Tests.Checkpoints;

/// <summary>A party's checkpoint files: exact round trip, atomic 0600 writes, the last three kept, later ones dropped at a resume, bad files refused with the reason.</summary>
public sealed class CheckpointFolderTests : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("privclust-ckpt-").FullName;
    private readonly byte[] _fingerprint = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    public void Dispose() => Directory.Delete(_results, recursive: true);

    [Fact]
    public void A_checkpoint_round_trips_exactly_and_only_the_last_three_are_kept()
    {
        List<JobCheckpoint> saved = Checkpoints();
        var folder = new CheckpointFolder(_results, "job-1");
        byte[] seed = Enumerable.Range(100, 16).Select(i => (byte)i).ToArray();
        foreach (JobCheckpoint checkpoint in saved)
        {
            folder.Save(new HostCheckpoint(checkpoint, seed, (ulong)checkpoint.Number * 7), _fingerprint);
        }

        Assert.True(saved.Count > CheckpointFolder.Kept, $"{saved.Count} checkpoints");
        Assert.Equal(Enumerable.Range(saved.Count - CheckpointFolder.Kept, CheckpointFolder.Kept).Select(n => (long)n), folder.Numbers());
        JobCheckpoint expected = saved[^1];
        HostCheckpoint loaded = folder.Load(expected.Number, _fingerprint);
        Assert.Equal(seed, loaded.CommonSeed);
        Assert.Equal((ulong)expected.Number * 7, loaded.FeedPosition);
        JobCheckpoint actual = loaded.Engine;
        Assert.Equal(expected.Session.InputBlocks, actual.Session.InputBlocks);
        Assert.Equal(expected.Session.CoinBlocks, actual.Session.CoinBlocks);
        Assert.Equal(expected.Session.NextMaskId, actual.Session.NextMaskId);
        Assert.Equal(expected.Session.Correlations.Streams.OrderBy(s => s.Key), actual.Session.Correlations.Streams.OrderBy(s => s.Key));
        Assert.Equal(expected.Session.Correlations.Masks, actual.Session.Correlations.Masks);
        Assert.Equal(expected.Statistics, actual.Statistics);
        Assert.Equal(expected.Data, actual.Data with { Share = expected.Data.Share, MaskShare = expected.Data.MaskShare, Opened = expected.Data.Opened, SquaredNorms = expected.Data.SquaredNorms });
        Assert.Equal(expected.Data.Share, actual.Data.Share);
        Assert.Equal(expected.Data.Opened, actual.Data.Opened);
        Assert.Equal(expected.Data.SquaredNorms, actual.Data.SquaredNorms);
        // A small job keeps its centroids' borrows for the next distances round: they travel too.
        Assert.NotNull(((KMeansState)expected.State).Lloyd.CentroidBorrows);
        AssertSameKMeans((KMeansState)expected.State, Assert.IsType<KMeansState>(actual.State));

        folder.DropAfter(saved.Count - 3);
        Assert.Equal([saved.Count - 3], folder.Numbers());
    }

    [Fact]
    public void A_run_s_first_write_sweeps_older_checkpoints_and_each_later_write_drops_one()
    {
        List<JobCheckpoint> saved = Checkpoints();
        Assert.True(saved.Count >= 6, $"{saved.Count} checkpoints");
        byte[] seed = new byte[16];
        void Save(CheckpointFolder folder, int i) => folder.Save(new HostCheckpoint(saved[i], seed, 0), _fingerprint);
        var earlier = new CheckpointFolder(_results, "job-sweep");
        Save(earlier, 0);
        Save(earlier, 1);

        // A resumed run (a new instance) writes 4 next: its first write sweeps 0 and 1, then each write drops one.
        var resumed = new CheckpointFolder(_results, "job-sweep");
        Save(resumed, 4);
        Assert.Equal([4], resumed.Numbers());
        Save(resumed, 5);
        Assert.Equal([4, 5], resumed.Numbers());
        resumed.DropAfter(4);
        Save(resumed, 5);
        Assert.Equal([4, 5], resumed.Numbers());
    }

    [Fact]
    public void The_rows_squared_norms_are_written_once_and_a_checkpoint_needing_them_is_refused_without_them()
    {
        var folder = new CheckpointFolder(_results, "job-5");
        List<JobCheckpoint> saved = Checkpoints(Algorithm.MeanShift);
        JobCheckpoint last = saved[^1];
        Assert.NotNull(last.Data.SquaredNorms);
        foreach (JobCheckpoint checkpoint in saved)
        {
            folder.Save(new HostCheckpoint(checkpoint, new byte[16], 0), _fingerprint);
        }
        string norms = Path.Combine(folder.Path, "norms.bin");
        DateTime written = File.GetLastWriteTimeUtc(norms);
        Thread.Sleep(20);
        folder.Save(new HostCheckpoint(last with { Number = last.Number + 1 }, new byte[16], 0), _fingerprint);
        Assert.Equal(written, File.GetLastWriteTimeUtc(norms));
        Assert.Equal(last.Data.SquaredNorms, folder.Load(last.Number, _fingerprint).Engine.Data.SquaredNorms);

        File.Delete(norms);
        var refused = Assert.Throws<CheckpointException>(() => folder.Load(last.Number, _fingerprint));
        Assert.Contains("norms.bin", refused.Message);
    }

    [Fact]
    public void Mean_shift_and_elbow_checkpoints_round_trip_exactly_with_their_kind()
    {
        var folder = new CheckpointFolder(_results, "job-4");
        JobCheckpoint shift = Checkpoints(Algorithm.MeanShift)[^1];
        folder.Save(new HostCheckpoint(shift, new byte[16], 0), _fingerprint);
        var expected = (MeanShiftState)shift.State;
        var actual = Assert.IsType<MeanShiftState>(folder.Load(shift.Number, _fingerprint).Engine.State);
        Assert.Equal(expected.Iteration, actual.Iteration);
        Assert.Equal(expected.Positions, actual.Positions);
        Assert.Equal(expected.Intensities, actual.Intensities);
        Assert.Equal(expected.Active, actual.Active);
        Assert.Equal(expected.WindowSums, actual.WindowSums);
        Assert.Equal(expected.WindowCounts, actual.WindowCounts);
        Assert.Equal(expected.ConvergedBits, actual.ConvergedBits);
        Assert.Equal(expected.IterationMilliseconds, actual.IterationMilliseconds);
        Assert.Equal(expected.CurrentMilliseconds, actual.CurrentMilliseconds);

        JobCheckpoint elbow = Checkpoints(Algorithm.Elbow)[^1];
        folder.Save(new HostCheckpoint(elbow, new byte[16], 0), _fingerprint);
        var sweep = (ElbowState)elbow.State;
        var loaded = Assert.IsType<ElbowState>(folder.Load(elbow.Number, _fingerprint).Engine.State);
        Assert.Equal(sweep.Finished.Select(s => (s.K, s.Loss)), loaded.Finished.Select(s => (s.K, s.Loss)));
        Assert.Equal(sweep.Finished[0].Run.Centroids, loaded.Finished[0].Run.Centroids);
        Assert.Equal(sweep.Finished[0].Run.ConvergedBits, loaded.Finished[0].Run.ConvergedBits);
        AssertSameKMeans(sweep.Current, loaded.Current);
    }

    [Fact]
    public void Files_are_written_atomically_with_mode_0600_in_a_0700_folder_and_deleted_at_the_end()
    {
        var folder = new CheckpointFolder(_results, "job-2");
        folder.Save(new HostCheckpoint(Checkpoints()[0], new byte[16], 0), _fingerprint);
        folder.WriteManifest(new JobManifest("job-2", "{}", true, 3, 2, "00"));

        string[] files = Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order().ToArray()!;
        string[] expected = Checkpoints()[0].Data.SquaredNorms is null
            ? ["checkpoint-00000000.bin", "data.bin", "job.json"]
            : ["checkpoint-00000000.bin", "data.bin", "job.json", "norms.bin"];
        Assert.Equal(expected, files);
        if (!OperatingSystem.IsWindows())
        {
            foreach (string file in Directory.GetFiles(folder.Path))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.Path));
        }
        Assert.Equal("job-2", CheckpointFolder.ReadManifest(folder.Path).JobId);
        folder.Delete();
        Assert.False(Directory.Exists(folder.Path));
    }

    [Fact]
    public void A_corrupted_truncated_or_foreign_checkpoint_is_refused_with_the_reason()
    {
        var folder = new CheckpointFolder(_results, "job-3");
        folder.Save(new HostCheckpoint(Checkpoints()[0], new byte[16], 0), _fingerprint);
        string file = Path.Combine(folder.Path, "checkpoint-00000000.bin");

        byte[] other = (byte[])_fingerprint.Clone();
        other[0] ^= 1;
        Assert.Contains("another job spec or another data file", Assert.Throws<CheckpointException>(() => folder.Load(0, other)).Message);

        byte[] bytes = File.ReadAllBytes(file);
        bytes[60] ^= 0x40;
        File.WriteAllBytes(file, bytes);
        Assert.Contains("corrupted (its SHA-256 does not match", Assert.Throws<CheckpointException>(() => folder.Load(0, _fingerprint)).Message);

        File.WriteAllBytes(file, bytes[..100]);
        Assert.Contains("corrupted (truncated", Assert.Throws<CheckpointException>(() => folder.Load(0, _fingerprint)).Message);

        File.WriteAllText(file, "not a checkpoint at all, but long enough to have a header and a hash ....................");
        Assert.Contains("not a checkpoint file", Assert.Throws<CheckpointException>(() => folder.Load(0, _fingerprint)).Message);

        Assert.Contains("no such checkpoint", Assert.Throws<CheckpointException>(() => folder.Load(5, _fingerprint)).Message);
    }

    [Fact]
    public void The_fingerprint_changes_with_the_spec_and_with_the_data_file()
    {
        string data = Path.Combine(_results, "a.csv");
        File.WriteAllText(data, "x,y\n1,2\n");
        var spec = new JobSpec { Columns = ["x", "y"], K = 1 };
        byte[] first = CheckpointFolder.Fingerprint(spec, data);
        Assert.Equal(first, CheckpointFolder.Fingerprint(spec, data));
        Assert.NotEqual(first, CheckpointFolder.Fingerprint(spec with { K = 2 }, data));
        File.WriteAllText(data, "x,y\n1,3\n");
        Assert.NotEqual(first, CheckpointFolder.Fingerprint(spec, data));
    }

    private static void AssertSameKMeans(KMeansState expected, KMeansState actual)
    {
        Assert.Equal(expected.Lloyd.Centroids, actual.Lloyd.Centroids);
        Assert.Equal(expected.Lloyd.PreviousBits, actual.Lloyd.PreviousBits);
        Assert.Equal(expected.Lloyd.PendingConverged, actual.Lloyd.PendingConverged);
        Assert.Equal(expected.Lloyd.CentroidBorrows, actual.Lloyd.CentroidBorrows);
        Assert.Equal(expected.Lloyd.ConvergedBits, actual.Lloyd.ConvergedBits);
        Assert.Equal(expected.Lloyd.Iteration, actual.Lloyd.Iteration);
        Assert.Equal(expected.Restart, actual.Restart);
        Assert.Equal(expected.FinishedRestarts.Count, actual.FinishedRestarts.Count);
        Assert.Equal(expected.FinishedRestarts[0].Centroids, actual.FinishedRestarts[0].Centroids);
    }

    private sealed class Sink : ICheckpointSink
    {
        public List<JobCheckpoint> Saved { get; } = [];

        public void Save(JobCheckpoint checkpoint) => Saved.Add(checkpoint);
    }

    /// <summary>
    /// Party a's checkpoints of a small job with two restarts (so finished restarts are filled too): k-means, an elbow sweep
    /// over k = 1, 2 or mean-shift.
    /// </summary>
    private static List<JobCheckpoint> Checkpoints(Algorithm algorithm = Algorithm.KMeans)
    {
        double[] values = [1, 1, 1.2, 0.8, 5, 5, 5.5, 4.5, 9, 1, 8.5, 1.5, 0.5, 1.1, 5.2, 4.9];
        var spec = new JobSpec
        {
            Algorithm = algorithm, Columns = ["x", "y"], K = 2, KMin = 1, NInit = 2, Init = InitMethod.Farthest, Seed = 3, Bandwidth = 2, Dust = 3,
        };
        var a = new PartyDataset(values[..8], 4, 2);
        var b = new PartyDataset(values[8..], 4, 2);
        var shape = new JobShape(4, 4, 2, 2);
        var sink = new Sink();
        TwoPartyHarness.Run(1, s => SecureClustering.Run(s, spec, a, shape, checkpointing: new JobCheckpointing(sink)),
            s => SecureClustering.Run(s, spec, b, shape));
        return sink.Saved;
    }
}
