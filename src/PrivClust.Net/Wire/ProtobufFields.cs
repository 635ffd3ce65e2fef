using System.Buffers;
using System.Text;
using Google.Protobuf;

namespace PrivClust.Net.Wire;

/// <summary>
/// Reading protobuf fields from a gRPC payload by hand, for the two messages whose bytes fields carry the bulk data
/// (<see cref="PooledPayloads"/>): varints, strings, length-delimited bytes into a <see cref="WireBuffers"/> array, and
/// skipping unknown fields. A truncated or malformed message is an <see cref="InvalidDataException"/>.
/// </summary>
internal static class ProtobufFields
{
    public const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    public static ulong ReadVarint(ref SequenceReader<byte> reader)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (!reader.TryRead(out byte b))
            {
                throw Truncated();
            }
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new InvalidDataException("Protobuf message: a varint longer than 10 bytes.");
    }

    /// <summary>A bytes field's value copied into a pooled array (<see cref="WireBuffers.Return"/> gives it back).</summary>
    public static ByteString ReadPooledBytes(ref SequenceReader<byte> reader)
    {
        int length = Length(ref reader);
        if (length == 0)
        {
            return ByteString.Empty;
        }
        byte[] array = WireBuffers.Pool.Rent(length);
        reader.TryCopyTo(array.AsSpan(0, length));
        reader.Advance(length);
        return UnsafeByteOperations.UnsafeWrap(array.AsMemory(0, length));
    }

    /// <summary>An embedded message's bytes (a view of the payload, not a copy).</summary>
    public static ReadOnlySequence<byte> ReadMessage(ref SequenceReader<byte> reader)
    {
        int length = Length(ref reader);
        ReadOnlySequence<byte> message = reader.UnreadSequence.Slice(0, length);
        reader.Advance(length);
        return message;
    }

    public static string ReadString(ref SequenceReader<byte> reader)
    {
        int length = Length(ref reader);
        string value = Encoding.UTF8.GetString(reader.UnreadSequence.Slice(0, length));
        reader.Advance(length);
        return value;
    }

    public static void Skip(ref SequenceReader<byte> reader, int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint(ref reader);
                break;
            case LengthDelimited:
                reader.Advance(Length(ref reader));
                break;
            case Fixed64 or Fixed32:
                int size = wireType == Fixed64 ? 8 : 4;
                if (reader.Remaining < size)
                {
                    throw Truncated();
                }
                reader.Advance(size);
                break;
            default:
                throw new InvalidDataException($"Protobuf message: unsupported wire type {wireType}.");
        }
    }

    private static int Length(ref SequenceReader<byte> reader)
    {
        ulong length = ReadVarint(ref reader);
        if (length > (ulong)reader.Remaining)
        {
            throw Truncated();
        }
        return (int)length;
    }

    private static InvalidDataException Truncated() => new("Protobuf message: truncated.");
}
