using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Net.Party;

namespace PrivClust.Net.Checkpoints;

/// <summary>
/// One job's checkpoints at this party, in <c>ResultsFolder/.checkpoints/JOB/</c> (mode 0700; files 0600): the manifest
/// (<c>job.json</c>), the shared data written once (<c>data.bin</c>) and the last <see cref="Kept"/> <c>checkpoint-N.bin</c>. Every file
/// is written to a temporary name and renamed, so a crash leaves the previous file or the new one, never half of one.
/// </summary>
public sealed class CheckpointFolder(string resultsFolder, string jobId)
{
    private const string Manifest = "job.json";
    private const string Data = "data.bin";
    private const string Norms = "norms.bin";
    private const string Prefix = "checkpoint-";

    /// <summary>Checkpoints kept: party b's latest on disk may trail party a's by two boundaries (docs/security.md).</summary>
    public const int Kept = 3;

    // Set once this run's first write has swept older checkpoints: later writes drop one file each without listing the
    // folder (on a small job the listing cost as much as the rest of the write).
    private bool _swept;

    public string Path { get; } = System.IO.Path.Combine(Root(resultsFolder), jobId);

    public static string Root(string resultsFolder) => System.IO.Path.Combine(System.IO.Path.GetFullPath(resultsFolder), ".checkpoints");

    /// <summary>SHA-256 of the job's wire spec and of this party's data file: a checkpoint belongs to exactly these.</summary>
    public static byte[] Fingerprint(Core.Clustering.JobSpec spec, string dataPath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(JobSpecWire.ToWire(spec).ToByteArray());
        using (FileStream data = File.OpenRead(dataPath))
        {
            hash.AppendData(SHA256.HashData(data));
        }
        return hash.GetHashAndReset();
    }

    public void WriteManifest(JobManifest manifest) => WriteAtomically(Manifest, JsonSerializer.SerializeToUtf8Bytes(manifest));

    public static JobManifest ReadManifest(string folder)
    {
        string path = System.IO.Path.Combine(folder, Manifest);
        try
        {
            return JsonSerializer.Deserialize<JobManifest>(File.ReadAllBytes(path)) ?? throw new JsonException("empty");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"{path}: not a readable job record ({e.Message})");
        }
    }

    /// <summary>The numbers of the checkpoints present, ascending.</summary>
    public IReadOnlyList<long> Numbers() =>
        !Directory.Exists(Path) ? [] : Directory.EnumerateFiles(Path, Prefix + "*.bin")
            .Select(f => System.IO.Path.GetFileNameWithoutExtension(f)[Prefix.Length..])
            .Select(n => long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : -1)
            .Where(v => v >= 0).Order().ToArray();

    /// <summary>Writes a checkpoint (and, the first time, the shared data), then drops all but the last <see cref="Kept"/>.</summary>
    public void Save(HostCheckpoint checkpoint, byte[] fingerprint) => Write(Seal(checkpoint, fingerprint));

    /// <summary>A checkpoint encoded now (a copy of the engine's state at this boundary), to be written later.</summary>
    public static SealedCheckpoint Seal(HostCheckpoint checkpoint, byte[] fingerprint) =>
        new(checkpoint.Engine.Number, checkpoint.Engine.Data, fingerprint,
            CheckpointEnvelope.Seal(CheckpointEnvelope.CheckpointMagic, fingerprint, CheckpointCodec.Encode(checkpoint)));

    /// <summary>Writes a sealed checkpoint (and, the first time, the shared data), then drops all but the last <see cref="Kept"/>.</summary>
    public void Write(SealedCheckpoint checkpoint)
    {
        if (!File.Exists(System.IO.Path.Combine(Path, Data)))
        {
            WriteAtomically(Data, CheckpointEnvelope.Seal(CheckpointEnvelope.DataMagic, checkpoint.Fingerprint, CheckpointCodec.EncodeData(checkpoint.Data)));
        }
        if (checkpoint.Data.SquaredNorms is { } norms && !File.Exists(System.IO.Path.Combine(Path, Norms)))
        {
            WriteAtomically(Norms, CheckpointEnvelope.Seal(CheckpointEnvelope.NormsMagic, checkpoint.Fingerprint, CheckpointCodec.EncodeNorms(norms)));
        }
        WriteAtomically(FileName(checkpoint.Number), checkpoint.Content);
        // Checkpoints are numbered consecutively (a resume continues from the one it loaded), so one file drops out per
        // write; the first write of this run (a fresh job or a resume) sweeps whatever else is older.
        if (_swept)
        {
            File.Delete(System.IO.Path.Combine(Path, FileName(checkpoint.Number - Kept)));
            return;
        }
        foreach (long old in Numbers().Where(n => n <= checkpoint.Number - Kept))
        {
            File.Delete(System.IO.Path.Combine(Path, FileName(old)));
        }
        _swept = true;
    }

    /// <summary>Deletes the checkpoints after <paramref name="number"/> (a session resumes from it: the run writes them again).</summary>
    public void DropAfter(long number)
    {
        _swept = false;
        foreach (long later in Numbers().Where(n => n > number))
        {
            File.Delete(System.IO.Path.Combine(Path, FileName(later)));
        }
    }

    /// <summary>Checkpoint <paramref name="number"/>, or a <see cref="CheckpointException"/> naming why it cannot be used.</summary>
    public HostCheckpoint Load(long number, byte[] fingerprint)
    {
        string path = System.IO.Path.Combine(Path, FileName(number));
        if (!File.Exists(path))
        {
            throw new CheckpointException($"{path}: no such checkpoint (this party keeps only its last {Kept})");
        }
        SharedDataState data = Decode(System.IO.Path.Combine(Path, Data), CheckpointEnvelope.DataMagic, fingerprint, CheckpointCodec.DecodeData);
        string normsPath = System.IO.Path.Combine(Path, Norms);
        ulong[] ReadNorms() => Decode(normsPath, CheckpointEnvelope.NormsMagic, fingerprint, payload => CheckpointCodec.DecodeNorms(payload, data.Rows));
        HostCheckpoint checkpoint = Decode(path, CheckpointEnvelope.CheckpointMagic, fingerprint, payload => CheckpointCodec.Decode(payload, data, ReadNorms));
        return checkpoint.Engine.Number == number ? checkpoint : throw new CheckpointException($"{path}: holds checkpoint {checkpoint.Engine.Number}");
    }

    /// <summary>Removes the job's checkpoints and record (the job ended: success, failure or cancel).</summary>
    public void Delete()
    {
        _swept = false;
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
        string root = System.IO.Path.GetDirectoryName(Path)!;
        try
        {
            if (Directory.Exists(root) && !Directory.EnumerateFileSystemEntries(root).Any())
            {
                Directory.Delete(root);
            }
        }
        catch (IOException)
        {
            // Another job's checkpoints appeared meanwhile: the folder stays.
        }
    }

    private static T Decode<T>(string path, string magic, byte[] fingerprint, Func<byte[], T> decode)
    {
        byte[] payload = CheckpointEnvelope.Open(path, magic, fingerprint);
        try
        {
            return decode(payload);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or OverflowException or ArgumentException)
        {
            throw new CheckpointException($"{path}: unreadable content ({e.Message})");
        }
    }

    private static string FileName(long number) => $"{Prefix}{number:D8}.bin";

    private void WriteAtomically(string name, byte[] content)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else if (!Directory.Exists(Path))
        {
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        string temporary = System.IO.Path.Combine(Path, $".tmp-{name}-{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
        }
        File.Move(temporary, System.IO.Path.Combine(Path, name), overwrite: true);
    }
}
