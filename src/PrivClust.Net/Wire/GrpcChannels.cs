using Grpc.Net.Client;
using PrivClust.Net.Security;

namespace PrivClust.Net.Wire;

/// <summary>Outgoing gRPC channels with the wire's message limits: mutual TLS (https://) or, with InsecureDev only, plaintext h2c (http://).</summary>
public static class GrpcChannels
{
    /// <param name="maxReceiveBytes">The largest message accepted (default <see cref="WireLimits.MaxMessageBytes"/>; control clients that fetch results pass <see cref="WireLimits.MaxResultBytes"/>).</param>
    public static GrpcChannel Create(string address, TransportOptions transport, ClientTls? tls = null, int maxReceiveBytes = WireLimits.MaxMessageBytes)
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
            // Large messages (matrix openings) need not wait for the window to grow round trip by round trip.
            InitialHttp2StreamWindowSize = WireLimits.StreamWindowBytes,
        };
        if (!transport.InsecureDev)
        {
            handler.SslOptions = (tls ?? throw new InvalidOperationException($"{address}: no TLS credentials for a mutual-TLS link.")).SslOptions(uri.IdnHost);
        }
        return GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = maxReceiveBytes,
            MaxSendMessageSize = WireLimits.MaxMessageBytes,
        });
    }
}
