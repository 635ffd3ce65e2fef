using Google.Protobuf;
using Grpc.Core;

namespace PrivClust.Net.Wire;

/// <summary>Reading a client's request stream in a service: what the client sent wrong becomes a clear InvalidArgument.</summary>
public static class RequestStreams
{
    /// <summary>Longest part of a client-chosen string quoted in an error.</summary>
    public const int QuotedLength = 64;

    /// <summary>MoveNext, with a malformed message turned into InvalidArgument (instead of an unknown handler error).</summary>
    public static async Task<bool> MoveNextAsync<T>(IAsyncStreamReader<T> reader, CancellationToken cancellation)
    {
        try
        {
            return await reader.MoveNext(cancellation).ConfigureAwait(false);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Malformed message on the stream: {e.Message}"));
        }
    }

    /// <summary>A string the other side chose, as it may appear in an error: at most <paramref name="limit"/> printable characters.</summary>
    public static string Quoted(string text, int limit = QuotedLength) =>
        new(text.Take(limit).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
