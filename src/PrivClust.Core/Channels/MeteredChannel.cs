namespace PrivClust.Core.Channels;

/// <summary>Counts every exchange of an inner channel into <see cref="Stats"/> under the current phase.</summary>
public sealed class MeteredChannel(IChannel inner) : IChannel
{
    public ChannelStats Stats { get; } = new();

    public void Exchange(ReadOnlySpan<byte> send, Span<byte> receive)
    {
        inner.Exchange(send, receive);
        Stats.Record(send.Length, receive.Length);
    }
}
