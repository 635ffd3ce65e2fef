using System.Runtime.InteropServices;

namespace PrivClust.Net.Checkpoints;

/// <summary>Arrays and 128-bit positions on a <see cref="BinaryWriter"/>/<see cref="BinaryReader"/> (little-endian, length first).</summary>
internal static class CheckpointBinary
{
    public static void Write(BinaryWriter writer, ulong[]? values)
    {
        writer.Write(values is null ? -1 : values.Length);
        if (values is not null)
        {
            writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        }
    }

    public static ulong[]? ReadArray(BinaryReader reader, int limit)
    {
        int length = reader.ReadInt32();
        if (length == -1)
        {
            return null;
        }
        if (length < 0 || length > limit)
        {
            throw new InvalidDataException($"an array of {length} elements (at most {limit} here)");
        }
        ulong[] values = new ulong[length];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    public static ulong[] ReadRequired(BinaryReader reader, int limit) =>
        ReadArray(reader, limit) ?? throw new InvalidDataException("a required array is missing");

    public static void Write(BinaryWriter writer, UInt128 value)
    {
        writer.Write((ulong)value);
        writer.Write((ulong)(value >> 64));
    }

    public static UInt128 ReadUInt128(BinaryReader reader)
    {
        ulong low = reader.ReadUInt64();
        return new UInt128(reader.ReadUInt64(), low);
    }

    public static void Write<T>(BinaryWriter writer, IReadOnlyCollection<T> items, Action<T> write)
    {
        writer.Write(items.Count);
        foreach (T item in items)
        {
            write(item);
        }
    }

    public static T[] ReadList<T>(BinaryReader reader, int limit, Func<T> read)
    {
        int count = reader.ReadInt32();
        if (count < 0 || count > limit)
        {
            throw new InvalidDataException($"a list of {count} items (at most {limit} here)");
        }
        T[] items = new T[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = read();
        }
        return items;
    }
}
