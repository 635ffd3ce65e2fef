using System.Security.Cryptography;
using System.Text;

namespace PrivClust.Net.Checkpoints;

/// <summary>
/// The frame of every checkpoint file: an 8-byte magic naming its kind, the job fingerprint (32 bytes), the payload's
/// length and the payload, then SHA-256 of all that. Reading checks each part and names what is wrong.
/// </summary>
internal static class CheckpointEnvelope
{
    public const string DataMagic = "PCDATA01";
    public const string CheckpointMagic = "PCCKPT05";
    public const string NormsMagic = "PCNORM01";
    private const int HeaderBytes = 8 + 32 + 8;

    public static byte[] Seal(string magic, byte[] fingerprint, byte[] payload)
    {
        byte[] file = new byte[HeaderBytes + payload.Length + 32];
        Encoding.ASCII.GetBytes(magic).CopyTo(file, 0);
        fingerprint.CopyTo(file, 8);
        BitConverter.TryWriteBytes(file.AsSpan(40), (long)payload.Length);
        payload.CopyTo(file, HeaderBytes);
        SHA256.HashData(file.AsSpan(0, HeaderBytes + payload.Length), file.AsSpan(HeaderBytes + payload.Length));
        return file;
    }

    /// <summary>The payload of <paramref name="path"/>, or a <see cref="CheckpointException"/> saying why it cannot be used.</summary>
    public static byte[] Open(string path, string magic, byte[] fingerprint)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"{path}: cannot be read ({e.Message})");
        }
        if (file.Length < HeaderBytes + 32 || Encoding.ASCII.GetString(file, 0, 8) != magic)
        {
            throw new CheckpointException($"{path}: not a checkpoint file of this kind or version (expected {magic})");
        }
        long length = BitConverter.ToInt64(file, 40);
        if (length != file.Length - HeaderBytes - 32)
        {
            throw new CheckpointException($"{path}: corrupted (truncated or extended: {file.Length} bytes for a payload of {length})");
        }
        if (!SHA256.HashData(file.AsSpan(0, file.Length - 32)).AsSpan().SequenceEqual(file.AsSpan(file.Length - 32)))
        {
            throw new CheckpointException($"{path}: corrupted (its SHA-256 does not match its content)");
        }
        if (!file.AsSpan(8, 32).SequenceEqual(fingerprint))
        {
            throw new CheckpointException($"{path}: written for another job spec or another data file (fingerprint mismatch); it is not used");
        }
        return file[HeaderBytes..^32];
    }
}
