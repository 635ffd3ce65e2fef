using System.Buffers;
using System.Collections.Concurrent;

namespace PrivClust.Core.Channels;

/// <summary>
/// One end of an in-process channel pair (for tests, benchmarks and the harness). Each end sends into the
/// other's inbox; a receive blocks until the peer's message of the round arrives or the pair's token is
/// cancelled (so a party whose peer failed does not hang).
/// </summary>
public sealed class InMemoryChannel : IChannel
{
    private readonly BlockingCollection<(byte[] Buffer, int Length)> _inbox = new();
    private readonly CancellationToken _cancellation;
    private InMemoryChannel _peer = null!;

    private InMemoryChannel(CancellationToken cancellation) => _cancellation = cancellation;

    /// <summary>Two connected ends; cancelling <paramref name="cancellation"/> fails any blocked exchange.</summary>
    public static (InMemoryChannel Party0, InMemoryChannel Party1) CreatePair(CancellationToken cancellation = default)
    {
        var a = new InMemoryChannel(cancellation);
        var b = new InMemoryChannel(cancellation);
        a._peer = b;
        b._peer = a;
        return (a, b);
    }

    public void Exchange(ReadOnlySpan<byte> send, Span<byte> receive)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(send.Length, 1));
        send.CopyTo(buffer);
        _peer._inbox.Add((buffer, send.Length));
        (byte[] Buffer, int Length) message;
        try
        {
            message = _inbox.Take(_cancellation);
        }
        catch (OperationCanceledException e)
        {
            throw new ChannelException("The peer is gone: the in-memory channel was cancelled.", e);
        }
        try
        {
            if (message.Length != receive.Length)
            {
                throw new ChannelException($"Protocol mismatch: expected a message of {receive.Length} bytes, the peer sent {message.Length}.");
            }
            message.Buffer.AsSpan(0, message.Length).CopyTo(receive);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message.Buffer);
        }
    }
}
