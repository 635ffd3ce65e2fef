using Grpc.Net.Client;

namespace PrivClust.Net.Wire;

/// <summary>Outgoing gRPC channels with the wire's message limits; the one place where client-side TLS will be configured.</summary>
public static class GrpcChannels
{
    public static GrpcChannel Create(string address, TransportOptions transport)
    {
        var uri = new Uri(address);
        if (transport.UseTls || uri.Scheme == Uri.UriSchemeHttps)
        {
            throw new NotSupportedException($"TLS to {address} is not available yet (mutual TLS comes with the security work); use http:// for plaintext HTTP/2.");
        }
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(20),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        };
        return GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = WireLimits.MaxMessageBytes,
            MaxSendMessageSize = WireLimits.MaxMessageBytes,
        });
    }
}
