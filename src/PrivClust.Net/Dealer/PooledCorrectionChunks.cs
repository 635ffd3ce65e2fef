using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Grpc.Core;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Dealer;

/// <summary>
/// Party b's reading of the dealer's correction chunks into pooled arrays. The generated marshaller copies each
/// chunk's data into a new array; at 1 MiB that is a large-object allocation per chunk (tens of MB per k-means iteration
/// at 10^5 rows), whose fresh pages fault in and whose churn triggers full collections. This marshaller parses the
/// same protobuf wire format (<c>sequence = 1</c>, <c>data = 2</c>, <c>last = 3</c>; unknown fields skipped) and copies the
/// data into an array rented from <see cref="WireBuffers"/>, which <see cref="DealerCorrectionFeed"/> gives back once it has copied
/// the corrections out (<see cref="Return"/>). The server side is unchanged.
/// </summary>
public static class PooledCorrectionChunks
{
    private static ArrayPool<byte> Pool => WireBuffers.Pool;

    /// <summary>The Corrections call with this marshaller for its answers (what <see cref="Interceptor"/> substitutes).</summary>
    public static readonly Method<CorrectionRequest, CorrectionChunk> Method = new(
        MethodType.DuplexStreaming,
        "privclust.v1.Dealer",
        "Corrections",
        Marshallers.Create(request => request.ToByteArray(), CorrectionRequest.Parser.ParseFrom),
        Marshallers.Create<CorrectionChunk>((chunk, context) => context.Complete(chunk.ToByteArray()), context => Parse(context.PayloadAsReadOnlySequence())));

    /// <summary>
    /// Gives a chunk's data array back to the pool and empties the chunk, which its reader owns and has used up. A chunk
    /// parsed by protobuf (a client without <see cref="PooledCorrectionsInterceptor"/>) has an exactly sized array: it is
    /// left to the collector unless its size is one the pool keeps.
    /// </summary>
    public static void Return(CorrectionChunk chunk)
    {
        if (chunk.Data.Length > 0 && MemoryMarshal.TryGetArray(chunk.Data.Memory, out ArraySegment<byte> segment)
            && segment.Array is { Length: >= 16 and <= WireLimits.ChunkBytes } array && BitOperations.IsPow2(array.Length))
        {
            chunk.Data = ByteString.Empty;
            Pool.Return(array);
        }
    }

    /// <summary>A chunk from its protobuf encoding; its data lives in a pooled array.</summary>
    public static CorrectionChunk Parse(ReadOnlySequence<byte> payload)
    {
        var reader = new SequenceReader<byte>(payload);
        var chunk = new CorrectionChunk();
        while (!reader.End)
        {
            ulong tag = ReadVarint(ref reader);
            switch (tag)
            {
                case (1 << 3) | 0:
                    chunk.Sequence = ReadVarint(ref reader);
                    break;
                case (2 << 3) | 2:
                    Return(chunk);
                    chunk.Data = ReadBytes(ref reader);
                    break;
                case (3 << 3) | 0:
                    chunk.Last = ReadVarint(ref reader) != 0;
                    break;
                default:
                    Skip(ref reader, (int)(tag & 7));
                    break;
            }
        }
        return chunk;
    }

    private static ByteString ReadBytes(ref SequenceReader<byte> reader)
    {
        ulong length = ReadVarint(ref reader);
        if (length > (ulong)reader.Remaining)
        {
            throw Truncated();
        }
        if (length == 0)
        {
            return ByteString.Empty;
        }
        byte[] array = Pool.Rent((int)length);
        reader.TryCopyTo(array.AsSpan(0, (int)length));
        reader.Advance((long)length);
        return UnsafeByteOperations.UnsafeWrap(array.AsMemory(0, (int)length));
    }

    private static void Skip(ref SequenceReader<byte> reader, int wireType)
    {
        long length = wireType switch
        {
            0 => 0,
            1 => 8,
            2 => checked((long)ReadVarint(ref reader)),
            5 => 4,
            _ => throw new InvalidDataException($"Correction chunk: unsupported protobuf wire type {wireType}."),
        };
        if (wireType == 0)
        {
            ReadVarint(ref reader);
        }
        else if (length > reader.Remaining)
        {
            throw Truncated();
        }
        else
        {
            reader.Advance(length);
        }
    }

    private static ulong ReadVarint(ref SequenceReader<byte> reader)
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
        throw new InvalidDataException("Correction chunk: a varint longer than 10 bytes.");
    }

    private static InvalidDataException Truncated() => new("Correction chunk: the message is truncated.");
}
