using Google.Protobuf;
using Grpc.Core;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Dealer;

/// <summary>
/// The small answers to a batch of correction requests, gathered into one message (<c>CorrectionChunk.batch</c>) of at
/// most <see cref="MaxBytes"/> bytes of corrections: the gRPC, HTTP/2 and TLS work per message is most of what a small
/// answer costs at both ends. One per correction stream; the answers are generated into its own buffer, reused once a
/// gathering is written (a write serializes its message before it completes). Answers keep their order;
/// <see cref="FlushAsync"/> sends what is gathered (one answer alone, as an ordinary chunk) and must run before anything
/// else is written to the stream.
/// </summary>
internal sealed class GatheredAnswers(IServerStreamWriter<CorrectionChunk> stream)
{
    /// <summary>
    /// Answers up to this size are gathered; a bigger one goes out on its own. It also bounds how long the first answer of a
    /// batch waits for the generation of the others.
    /// </summary>
    public const int MaxBytes = 256 << 10;

    /// <summary>Writes an answer's corrections into <paramref name="destination"/>.</summary>
    public delegate void Fill(Span<byte> destination);

    private CorrectionChunk _carrier = new();
    private byte[]? _buffer;
    private int _bytes;

    /// <summary>Whether an answer of <paramref name="length"/> bytes is gathered.</summary>
    public static bool Takes(int length) => length <= MaxBytes;

    /// <summary>Adds a whole answer of <paramref name="length"/> bytes (flushing first when it would not fit), filled by <paramref name="fill"/>.</summary>
    public async Task AddAsync(ulong sequence, int length, Fill fill, CancellationToken ct)
    {
        if (_bytes + length > MaxBytes)
        {
            await FlushAsync(ct);
        }
        _buffer ??= new byte[MaxBytes];
        Memory<byte> answer = _buffer.AsMemory(_bytes, length);
        fill(answer.Span);
        _carrier.Batch.Add(new CorrectionChunk { Sequence = sequence, Data = UnsafeByteOperations.UnsafeWrap(answer), Last = true });
        _bytes += length;
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_carrier.Batch.Count == 0)
        {
            return;
        }
        CorrectionChunk message = _carrier.Batch.Count == 1 ? _carrier.Batch[0] : _carrier;
        _carrier = new CorrectionChunk();
        await stream.WriteAsync(message, ct);
        _bytes = 0;
    }
}
