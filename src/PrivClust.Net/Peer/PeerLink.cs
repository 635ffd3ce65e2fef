namespace PrivClust.Net.Peer;

/// <summary>
/// An established session link to the peer: the channel the protocols run on and the common seed both
/// parties derived in the handshake. Disposing it ends this side's stream gracefully; <see cref="AbortAsync"/>
/// tells the peer why first.
/// </summary>
public sealed class PeerLink : IAsyncDisposable
{
    private readonly Func<ValueTask> _close;
    private int _closed;

    public PeerLink(GrpcPeerChannel channel, byte[] commonSeed, Wire.TableShape peerShape, Func<ValueTask> close, long? peerCheckpoint = null)
    {
        PeerCheckpoint = peerCheckpoint;
        Channel = channel;
        CommonSeed = commonSeed;
        PeerShape = peerShape;
        _close = close;
    }

    public GrpcPeerChannel Channel { get; }

    /// <summary>SHA-256(a's contribution ‖ b's contribution)[0..16): secret to the two parties.</summary>
    public byte[] CommonSeed { get; }

    /// <summary>The shape of the peer's data, from its handshake (public).</summary>
    public Wire.TableShape PeerShape { get; }

    /// <summary>When the session resumes: the peer's latest checkpoint, from its handshake.</summary>
    public long? PeerCheckpoint { get; }

    public async Task AbortAsync(string reason)
    {
        await Channel.AbortAsync(reason);
        await DisposeAsync();
    }

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _closed, 1) == 0 ? _close() : ValueTask.CompletedTask;
}
