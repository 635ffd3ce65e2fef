namespace PrivClust.Core.Channels;

/// <summary>The link between the parties failed or carried a message that does not fit the protocol.</summary>
public sealed class ChannelException : Exception
{
    public ChannelException(string message) : base(message) { }
    public ChannelException(string message, Exception inner) : base(message, inner) { }
}
