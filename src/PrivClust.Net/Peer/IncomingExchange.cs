using Grpc.Core;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Peer;

/// <summary>
/// The server side of an Exchange stream whose dialer has sent its handshake, handed from the gRPC handler
/// to the local job waiting for that session. The handler keeps the call open until <see cref="Finish"/>.
/// </summary>
public sealed class IncomingExchange(Handshake remote, IAsyncStreamReader<PeerFrame> reader, IAsyncStreamWriter<PeerFrame> writer)
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Handshake Remote { get; } = remote;
    public IAsyncStreamReader<PeerFrame> Reader { get; } = reader;
    public IAsyncStreamWriter<PeerFrame> Writer { get; } = writer;

    /// <summary>Completes when the local side is done with the stream; the handler then ends the call.</summary>
    public Task Finished => _finished.Task;

    public void Finish() => _finished.TrySetResult();
}
