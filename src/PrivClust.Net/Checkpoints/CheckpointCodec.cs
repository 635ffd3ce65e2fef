using PrivClust.Core.Clustering.Checkpoints;
using PrivClust.Core.Correlations;
using PrivClust.Core.Protocols;
using static PrivClust.Net.Checkpoints.CheckpointBinary;

namespace PrivClust.Net.Checkpoints;

/// <summary>
/// The payloads of a job's checkpoint files. The shared data's three big arrays (X, its mask U and E = X − U), which never
/// change during a job, go once into <c>data.bin</c>, and the rows' squared norms, made once when a job first needs them,
/// once into <c>norms.bin</c>; each <c>checkpoint-N.bin</c> holds the rest (and whether the norms exist yet).
/// </summary>
internal static class CheckpointCodec
{
    private const int MaxItems = 1 << 20;

    public static byte[] EncodeData(SharedDataState data) => Encode(writer =>
    {
        writer.Write(data.MaskId);
        writer.Write(data.Rows);
        writer.Write(data.Columns);
        Write(writer, data.Share);
        Write(writer, data.MaskShare);
        Write(writer, data.Opened);
    });

    public static SharedDataState DecodeData(byte[] payload) => Decode(payload, reader =>
    {
        int maskId = reader.ReadInt32(), rows = reader.ReadInt32(), columns = reader.ReadInt32();
        int cells = checked(rows * columns);
        return new SharedDataState(maskId, rows, columns, ReadRequired(reader, cells), ReadRequired(reader, cells), ReadRequired(reader, cells), null);
    });

    public static byte[] Encode(HostCheckpoint checkpoint) => Encode(writer =>
    {
        JobCheckpoint engine = checkpoint.Engine;
        writer.Write(engine.Number);
        Write(writer, checkpoint.CommonSeed.Select(b => (ulong)b).ToArray());
        writer.Write(checkpoint.FeedPosition);
        WriteSession(writer, engine.Session);
        Write(writer, engine.Statistics, s => { writer.Write(s.Offset); writer.Write(s.Scale); });
        writer.Write(engine.Data.SquaredNorms is not null);
        AlgorithmStateCodec.Write(writer, engine.State);
    });

    public static byte[] EncodeNorms(ulong[] norms) => Encode(writer => Write(writer, norms));

    public static ulong[] DecodeNorms(byte[] payload, int rows) => Decode(payload, reader => ReadRequired(reader, rows));

    /// <param name="norms">Reads <c>norms.bin</c>, for a checkpoint taken after the norms were made.</param>
    public static HostCheckpoint Decode(byte[] payload, SharedDataState data, Func<ulong[]> norms) => Decode(payload, reader =>
    {
        long number = reader.ReadInt64();
        byte[] seed = ReadRequired(reader, 64).Select(v => (byte)v).ToArray();
        ulong feed = reader.ReadUInt64();
        SessionPosition session = ReadSession(reader);
        var statistics = ReadList(reader, MaxItems, () => (reader.ReadDouble(), reader.ReadDouble()));
        bool hasNorms = reader.ReadBoolean();
        AlgorithmState state = AlgorithmStateCodec.Read(reader);
        var engine = new JobCheckpoint(number, session, statistics, data with { SquaredNorms = hasNorms ? norms() : null }, state);
        return new HostCheckpoint(engine, seed, feed);
    });

    private static void WriteSession(BinaryWriter writer, SessionPosition session)
    {
        Write(writer, session.InputBlocks);
        Write(writer, session.CoinBlocks);
        writer.Write(session.NextMaskId);
        Write(writer, session.Correlations.Streams.ToArray(), s => { writer.Write(s.Key); Write(writer, s.Value); });
        Write(writer, session.Correlations.Masks, m => { writer.Write(m.Id); writer.Write(m.Rows); writer.Write(m.Columns); });
    }

    private static SessionPosition ReadSession(BinaryReader reader)
    {
        UInt128 input = ReadUInt128(reader), coins = ReadUInt128(reader);
        int nextMask = reader.ReadInt32();
        var streams = ReadList(reader, MaxItems, () => (reader.ReadString(), ReadUInt128(reader)));
        var masks = ReadList(reader, MaxItems, () => (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32()));
        var position = new CorrelationPosition(streams.ToDictionary(s => s.Item1, s => s.Item2, StringComparer.Ordinal), masks);
        return new SessionPosition(input, coins, nextMask, position);
    }

    private static byte[] Encode(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }
        return buffer.ToArray();
    }

    private static T Decode<T>(byte[] payload, Func<BinaryReader, T> read)
    {
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false));
        T value = read(reader);
        if (reader.BaseStream.Position != payload.Length)
        {
            throw new InvalidDataException($"{payload.Length - reader.BaseStream.Position} bytes left over");
        }
        return value;
    }
}
