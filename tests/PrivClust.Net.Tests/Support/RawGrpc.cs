using Grpc.Core;
using Grpc.Net.Client;

namespace PrivClust.Net.Tests.Support;

/// <summary>
/// The peer Exchange and dealer Corrections methods with messages as raw bytes (so a test can send anything,
/// also malformed protobuf), over a mutual-TLS channel with a valid certificate and no message size limit.
/// </summary>
internal static class RawGrpc
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static readonly Method<byte[], byte[]> PeerExchange = new(MethodType.DuplexStreaming, "privclust.v1.Peer", "Exchange", Bytes, Bytes);

    public static readonly Method<byte[], byte[]> DealerCorrections = new(MethodType.DuplexStreaming, "privclust.v1.Dealer", "Corrections", Bytes, Bytes);

    /// <summary>A channel to <paramref name="address"/> presenting <paramref name="role"/>'s certificate, without size limits; dispose it.</summary>
    public static GrpcChannel Unlimited(string address, string role)
    {
        var uri = new Uri(address);
        var handler = new SocketsHttpHandler { SslOptions = TestCertificates.Client(role).SslOptions(uri.IdnHost) };
        return GrpcChannel.ForAddress(uri, new GrpcChannelOptions { HttpHandler = handler, MaxSendMessageSize = null, MaxReceiveMessageSize = null });
    }

    public static AsyncDuplexStreamingCall<byte[], byte[]> Open(GrpcChannel channel, Method<byte[], byte[]> method, CancellationToken cancellation) =>
        channel.CreateCallInvoker().AsyncDuplexStreamingCall(method, null, new CallOptions(cancellationToken: cancellation));

    /// <summary>Reads the responses until the stream ends or fails; the failure, if any.</summary>
    public static async Task<RpcException?> DrainAsync(IAsyncStreamReader<byte[]> responses, CancellationToken cancellation)
    {
        try
        {
            while (await responses.MoveNext(cancellation))
            {
            }
            return null;
        }
        catch (RpcException e)
        {
            return e;
        }
    }
}
