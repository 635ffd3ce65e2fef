using System.Buffers;
using Google.Protobuf;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Wire;

/// <summary>The hand-written parsers of correction chunks and peer frames agree with protobuf's on every shape of message.</summary>
public class PooledPayloadsTests
{
    [Theory]
    [InlineData(0UL, 0, false)]
    [InlineData(1UL, 1, true)]
    [InlineData(300UL, 127, false)]
    [InlineData(ulong.MaxValue, 128, true)]
    [InlineData(77UL, 1 << 20, true)]
    public void Correction_chunks_parse_as_protobuf_writes_them_even_split_across_segments(ulong sequence, int length, bool last)
    {
        var chunk = new CorrectionChunk { Sequence = sequence, Data = ByteString.CopyFrom(RandomBytes(length)), Last = last };
        foreach (ReadOnlySequence<byte> payload in Payloads(chunk.ToByteArray()))
        {
            CorrectionChunk parsed = PooledPayloads.ParseCorrectionChunk(payload);
            Assert.Equal(chunk, parsed);
            WireBuffers.Return(parsed.Data);
        }
    }

    [Theory]
    [InlineData("s", 1UL, 0, false)]
    [InlineData("session-ü", 300UL, 5, true)]
    [InlineData("", ulong.MaxValue, 1 << 20, true)]
    public void Data_frames_parse_as_protobuf_writes_them_even_split_across_segments(string session, ulong step, int length, bool last)
    {
        var frame = new PeerFrame { Data = new DataFrame { SessionId = session, Step = step, Payload = ByteString.CopyFrom(RandomBytes(length)), LastChunk = last } };
        foreach (ReadOnlySequence<byte> payload in Payloads(frame.ToByteArray()))
        {
            PeerFrame parsed = PooledPayloads.ParsePeerFrame(payload);
            Assert.Equal(frame, parsed);
            WireBuffers.Return(parsed.Data.Payload);
        }
    }

    [Fact]
    public void Other_peer_frames_go_to_protobuf()
    {
        var handshake = new PeerFrame { Handshake = new Handshake { SessionId = "s", PartyIndex = 1, SeedContribution = ByteString.CopyFrom(RandomBytes(16)) } };
        var abort = new PeerFrame { Abort = new Abort { Reason = "stop" } };
        var empty = new PeerFrame();
        foreach (PeerFrame frame in new[] { handshake, abort, empty })
        {
            Assert.Equal(frame, PooledPayloads.ParsePeerFrame(new ReadOnlySequence<byte>(frame.ToByteArray())));
        }
    }

    [Fact]
    public void Unknown_fields_are_skipped_and_the_last_bytes_field_wins()
    {
        var output = new MemoryStream();
        var writer = new CodedOutputStream(output);
        writer.WriteTag(9, WireFormat.WireType.Varint); writer.WriteUInt64(5);
        writer.WriteTag(2, WireFormat.WireType.LengthDelimited); writer.WriteBytes(ByteString.CopyFrom(1, 2, 3));
        writer.WriteTag(10, WireFormat.WireType.Fixed64); writer.WriteFixed64(1);
        writer.WriteTag(11, WireFormat.WireType.LengthDelimited); writer.WriteString("ignored");
        writer.WriteTag(12, WireFormat.WireType.Fixed32); writer.WriteFixed32(1);
        writer.WriteTag(1, WireFormat.WireType.Varint); writer.WriteUInt64(42);
        writer.WriteTag(2, WireFormat.WireType.LengthDelimited); writer.WriteBytes(ByteString.CopyFrom(9, 8));
        writer.Flush();
        CorrectionChunk parsed = PooledPayloads.ParseCorrectionChunk(new ReadOnlySequence<byte>(output.ToArray()));
        Assert.Equal(new CorrectionChunk { Sequence = 42, Data = ByteString.CopyFrom(9, 8) }, parsed);
    }

    [Theory]
    [InlineData(new byte[] { 0x08 })]                    // sequence without its value
    [InlineData(new byte[] { 0x12, 0x05, 1, 2 })]        // data shorter than its length
    [InlineData(new byte[] { 0x0B })]                    // a group (wire type 3)
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void A_truncated_or_malformed_chunk_is_refused(byte[] wire)
    {
        Assert.Throws<InvalidDataException>(() => PooledPayloads.ParseCorrectionChunk(new ReadOnlySequence<byte>(wire)));
    }

    [Fact]
    public void A_data_frame_with_a_truncated_payload_is_refused()
    {
        byte[] wire = [0x12, 0x04, 0x1A, 0x05, 1, 2];   // data { payload: 5 bytes announced, 2 there }
        Assert.Throws<InvalidDataException>(() => PooledPayloads.ParsePeerFrame(new ReadOnlySequence<byte>(wire)));
    }

    [Fact]
    public void The_peer_service_binds_exchange_with_the_pooled_marshallers_and_propose_as_generated()
    {
        var binder = new RecordingBinder();
        Net.Peer.PeerServiceBinding.BindService(binder, null!);
        Assert.Same(PooledPayloads.Exchange, binder.Methods.Single(m => m.Name == "Exchange"));
        Assert.Equal("/privclust.v1.Peer/Propose", binder.Methods.Single(m => m.Name == "Propose").FullName);
        var attribute = (Grpc.Core.BindServiceMethodAttribute)Attribute.GetCustomAttribute(typeof(Net.Peer.PeerService), typeof(Grpc.Core.BindServiceMethodAttribute))!;
        Assert.Equal(typeof(Net.Peer.PeerServiceBinding), attribute.BindType);
    }

    [Fact]
    public void The_interceptor_swaps_in_the_pooled_corrections_and_exchange_calls_only()
    {
        var invoker = new RecordingInvoker();
        var intercepted = Grpc.Core.Interceptors.CallInvokerExtensions.Intercept(invoker, new PooledPayloadsInterceptor());
        new Protos.V1.Dealer.DealerClient(intercepted).Corrections();
        new Protos.V1.Peer.PeerClient(intercepted).Exchange();
        Assert.Equal([PooledPayloads.Corrections, PooledPayloads.Exchange], invoker.Methods);
    }

    private sealed class RecordingBinder : Grpc.Core.ServiceBinderBase
    {
        public List<Grpc.Core.IMethod> Methods { get; } = [];

        public override void AddMethod<TRequest, TResponse>(Grpc.Core.Method<TRequest, TResponse> method, Grpc.Core.UnaryServerMethod<TRequest, TResponse>? handler) =>
            Methods.Add(method);

        public override void AddMethod<TRequest, TResponse>(Grpc.Core.Method<TRequest, TResponse> method, Grpc.Core.DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            Methods.Add(method);
    }

    private sealed class RecordingInvoker : Grpc.Core.CallInvoker
    {
        public List<Grpc.Core.IMethod> Methods { get; } = [];

        public override Grpc.Core.AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
            Grpc.Core.Method<TRequest, TResponse> method, string? host, Grpc.Core.CallOptions options)
        {
            Methods.Add(method);
            return null!;
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Grpc.Core.Method<TRequest, TResponse> method, string? host, Grpc.Core.CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override Grpc.Core.AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Grpc.Core.Method<TRequest, TResponse> method, string? host, Grpc.Core.CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override Grpc.Core.AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Grpc.Core.Method<TRequest, TResponse> method, string? host, Grpc.Core.CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override Grpc.Core.AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Grpc.Core.Method<TRequest, TResponse> method, string? host, Grpc.Core.CallOptions options) =>
            throw new NotSupportedException();
    }

    private static byte[] RandomBytes(int length)
    {
        byte[] data = new byte[length];
        new System.Random(length).NextBytes(data);
        return data;
    }

    /// <summary>The message in one segment and in segments of 7 bytes.</summary>
    private static ReadOnlySequence<byte>[] Payloads(byte[] bytes)
    {
        Segment? first = null, last = null;
        for (int offset = 0; offset < bytes.Length || first is null; offset += 7)
        {
            var memory = bytes.AsMemory(offset, Math.Min(7, bytes.Length - offset));
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }
        return [new ReadOnlySequence<byte>(bytes), new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length)];
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long index)
        {
            Memory = memory;
            RunningIndex = index;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
