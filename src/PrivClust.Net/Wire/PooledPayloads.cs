using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using PrivClust.Protos.V1;
using static PrivClust.Net.Wire.ProtobufFields;

namespace PrivClust.Net.Wire;

/// <summary>
/// The two streaming calls that carry the bulk data — the dealer's Corrections and the peers' Exchange — with marshallers
/// that read the bytes field of a correction chunk or a data frame into a <see cref="WireBuffers"/> array instead of a new
/// one. The generated marshallers copy each payload into a fresh array: at 1 MiB a large-object allocation per chunk.
/// The wire format is protobuf's (unknown fields skipped; a peer frame other than data goes to protobuf's parser);
/// serialising writes straight into the transport's buffer as the generated code does. Clients get these methods
/// through <see cref="PooledPayloadsInterceptor"/>, the party's Peer service through its binding; the reader of a
/// message gives its payload back with <see cref="WireBuffers.Return"/> once it has copied it out.
/// </summary>
public static class PooledPayloads
{
    public static readonly Method<CorrectionRequest, CorrectionChunk> Corrections = new(MethodType.DuplexStreaming,
        "privclust.v1.Dealer", "Corrections", Marshaller(CorrectionRequest.Parser.ParseFrom), Marshaller(ParseCorrectionChunk));

    public static readonly Method<PeerFrame, PeerFrame> Exchange = new(MethodType.DuplexStreaming,
        "privclust.v1.Peer", "Exchange", Marshaller(ParsePeerFrame), Marshaller(ParsePeerFrame));

    /// <summary>This class's version of a method of the same full name, else the method itself.</summary>
    public static Method<TRequest, TResponse> Substitute<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class where TResponse : class =>
        method.FullName == Corrections.FullName && Corrections is Method<TRequest, TResponse> corrections ? corrections
        : method.FullName == Exchange.FullName && Exchange is Method<TRequest, TResponse> exchange ? exchange
        : method;

    /// <summary>
    /// A correction chunk (<c>sequence = 1</c>, <c>data = 2</c>, <c>last = 3</c>, <c>batch = 4</c>: chunks, one level deep)
    /// whose data lives in pooled arrays.
    /// </summary>
    public static CorrectionChunk ParseCorrectionChunk(ReadOnlySequence<byte> payload) => ParseCorrectionChunk(payload, nested: false);

    private static CorrectionChunk ParseCorrectionChunk(ReadOnlySequence<byte> payload, bool nested)
    {
        var reader = new SequenceReader<byte>(payload);
        var chunk = new CorrectionChunk();
        while (!reader.End)
        {
            ulong tag = ReadVarint(ref reader);
            switch (tag)
            {
                case (1 << 3) | Varint: chunk.Sequence = ReadVarint(ref reader); break;
                case (2 << 3) | LengthDelimited: WireBuffers.Return(chunk.Data); chunk.Data = ReadPooledBytes(ref reader); break;
                case (3 << 3) | Varint: chunk.Last = ReadVarint(ref reader) != 0; break;
                case (4 << 3) | LengthDelimited when !nested: chunk.Batch.Add(ParseCorrectionChunk(ReadMessage(ref reader), nested: true)); break;
                default: Skip(ref reader, (int)(tag & 7)); break;
            }
        }
        return chunk;
    }

    /// <summary>
    /// A peer frame; a data frame (<c>session_id = 1</c>, <c>step = 2</c>, <c>payload = 3</c>, <c>last_chunk = 4</c>) alone in
    /// the frame is read here with its payload in a pooled array, anything else by protobuf.
    /// </summary>
    public static PeerFrame ParsePeerFrame(ReadOnlySequence<byte> payload)
    {
        var reader = new SequenceReader<byte>(payload);
        if (!reader.TryPeek(out byte first) || first != ((2 << 3) | LengthDelimited))
        {
            return PeerFrame.Parser.ParseFrom(payload);
        }
        reader.Advance(1);
        long length = (long)ReadVarint(ref reader);
        if (length != reader.Remaining)
        {
            return PeerFrame.Parser.ParseFrom(payload);
        }
        var data = new DataFrame();
        while (!reader.End)
        {
            ulong tag = ReadVarint(ref reader);
            switch (tag)
            {
                case (1 << 3) | LengthDelimited: data.SessionId = ReadString(ref reader); break;
                case (2 << 3) | Varint: data.Step = ReadVarint(ref reader); break;
                case (3 << 3) | LengthDelimited: WireBuffers.Return(data.Payload); data.Payload = ReadPooledBytes(ref reader); break;
                case (4 << 3) | Varint: data.LastChunk = ReadVarint(ref reader) != 0; break;
                default: Skip(ref reader, (int)(tag & 7)); break;
            }
        }
        return new PeerFrame { Data = data };
    }

    private static Marshaller<T> Marshaller<T>(Func<ReadOnlySequence<byte>, T> parse) where T : class, IMessage =>
        Marshallers.Create<T>(Serialize, context => parse(context.PayloadAsReadOnlySequence()));

    private static void Serialize<T>(T message, SerializationContext context) where T : IMessage
    {
        context.SetPayloadLength(message.CalculateSize());
        message.WriteTo(context.GetBufferWriter());
        context.Complete();
    }
}
