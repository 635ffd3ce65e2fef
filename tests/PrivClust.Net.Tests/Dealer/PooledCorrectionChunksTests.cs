using System.Buffers;
using Google.Protobuf;
using PrivClust.Net.Dealer;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Dealer;

/// <summary>Party b's own parsing of correction chunks into pooled arrays agrees with protobuf's on every shape of chunk.</summary>
public class PooledCorrectionChunksTests
{
    [Theory]
    [InlineData(0UL, 0, false)]
    [InlineData(1UL, 1, true)]
    [InlineData(300UL, 127, false)]
    [InlineData(ulong.MaxValue, 128, true)]
    [InlineData(77UL, 1 << 20, true)]
    public void Parses_what_protobuf_writes_even_split_across_segments(ulong sequence, int length, bool last)
    {
        var rng = new System.Random(length);
        byte[] data = new byte[length];
        rng.NextBytes(data);
        var chunk = new CorrectionChunk { Sequence = sequence, Data = ByteString.CopyFrom(data), Last = last };
        byte[] wire = chunk.ToByteArray();
        foreach (ReadOnlySequence<byte> payload in new[] { new ReadOnlySequence<byte>(wire), Segmented(wire, 7) })
        {
            CorrectionChunk parsed = PooledCorrectionChunks.Parse(payload);
            Assert.Equal(chunk, parsed);
            PooledCorrectionChunks.Return(parsed);
            Assert.True(parsed.Data.IsEmpty);
        }
    }

    [Fact]
    public void Skips_unknown_fields_and_takes_the_last_data_field()
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
        CorrectionChunk parsed = PooledCorrectionChunks.Parse(new ReadOnlySequence<byte>(output.ToArray()));
        Assert.Equal(new CorrectionChunk { Sequence = 42, Data = ByteString.CopyFrom(9, 8) }, parsed);
    }

    [Theory]
    [InlineData(new byte[] { 0x08 })]                    // sequence without its value
    [InlineData(new byte[] { 0x12, 0x05, 1, 2 })]        // data shorter than its length
    [InlineData(new byte[] { 0x0B })]                    // a group (wire type 3)
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Refuses_a_truncated_or_malformed_chunk(byte[] wire)
    {
        Assert.Throws<InvalidDataException>(() => PooledCorrectionChunks.Parse(new ReadOnlySequence<byte>(wire)));
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int size)
    {
        Segment? first = null, last = null;
        for (int offset = 0; offset < bytes.Length || first is null; offset += size)
        {
            var memory = bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset));
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
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
