namespace PrivClust.Core.Channels;

/// <summary>
/// The link between the two parties. One call is one round: both parties send their message of the
/// round, then both receive the peer's. Message lengths are known to both sides in advance (the
/// protocols are deterministic in the public parameters), so the receive buffer is sized by the caller
/// and a length mismatch is a protocol error.
/// </summary>
public interface IChannel
{
    /// <summary>Sends <paramref name="send"/> to the peer and fills <paramref name="receive"/> with the peer's message of the same round.</summary>
    /// <exception cref="ChannelException">The peer sent a message of another length, or the link failed.</exception>
    void Exchange(ReadOnlySpan<byte> send, Span<byte> receive);
}
