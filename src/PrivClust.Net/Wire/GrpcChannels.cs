using Grpc.Net.Client;
using PrivClust.Net.Security;

namespace PrivClust.Net.Wire;

/// <summary>Outgoing gRPC channels with the wire's message limits: mutual TLS (https://) or, with InsecureDev only, plaintext h2c (http://).</summary>
public static class GrpcChannels
{
    public static GrpcChannel Create(string address, TransportOptions transport, ClientTls? tls = null)
    {
        var uri = new Uri(address);
        if (uri.Scheme != transport.Scheme)
        {
            throw new UriFormatException(transport.InsecureDev
                ? $"{address}: plaintext (insecure-dev) links use http:// URLs."
                : $"{address}: links use mutual TLS and https:// URLs (plaintext only with insecure-dev).");
        }
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(20),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        };
        if (!transport.InsecureDev)
        {
            handler.SslOptions = (tls ?? throw new InvalidOperationException($"{address}: no TLS credentials for a mutual-TLS link.")).SslOptions(uri.IdnHost);
        }
        return GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = WireLimits.MaxMessageBytes,
            MaxSendMessageSize = WireLimits.MaxMessageBytes,
        });
    }
}
