using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PrivClust.Net.Security;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Cli.Bench;

/// <summary>
/// The benchmark's link probe, client side (as party a, to the echo server standing where party b runs): the
/// median round-trip time of 8-byte frames sent one at a time on one bidirectional stream, then the throughput of
/// 1 MiB frames (the wire's chunk size) pipelined both ways at once, as in a round where both parties send.
/// </summary>
public static class LinkProbe
{
    private const int Pings = 200;
    private const int BulkFrames = 32;

    public static async Task<LinkMeasurement> MeasureAsync(string address, string certificates, TimeSpan within)
    {
        using var credentials = TransportCredentials.Load(DevCertificates.Transport(certificates, "party-a"));
        using GrpcChannel channel = GrpcChannels.Create(address, new TransportOptions(), new ClientTls(credentials, [IdentityPin.Parse("party-b")]));
        var client = new BenchEcho.BenchEchoClient(channel);
        using var limit = new CancellationTokenSource(within);
        using AsyncDuplexStreamingCall<EchoFrame, EchoFrame> call = await OpenAsync(client, limit.Token);
        double roundTrip = await RoundTripMsAsync(call, limit.Token);
        double throughput = await ThroughputAsync(call, roundTrip, limit.Token);
        await call.RequestStream.CompleteAsync();
        return new LinkMeasurement(roundTrip, throughput);
    }

    /// <summary>Opens the stream once the server answers (it may still be starting).</summary>
    private static async Task<AsyncDuplexStreamingCall<EchoFrame, EchoFrame>> OpenAsync(BenchEcho.BenchEchoClient client, CancellationToken cancellation)
    {
        while (true)
        {
            AsyncDuplexStreamingCall<EchoFrame, EchoFrame> call = client.Echo(cancellationToken: cancellation);
            try
            {
                await call.RequestStream.WriteAsync(new EchoFrame { Payload = ByteString.CopyFrom(new byte[8]) }, cancellation);
                if (await call.ResponseStream.MoveNext(cancellation))
                {
                    return call;
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                // Not listening yet.
            }
            call.Dispose();
            await Task.Delay(100, cancellation);
        }
    }

    private static async Task<double> RoundTripMsAsync(AsyncDuplexStreamingCall<EchoFrame, EchoFrame> call, CancellationToken cancellation)
    {
        var ping = new EchoFrame { Payload = ByteString.CopyFrom(new byte[8]) };
        var times = new double[Pings];
        for (int i = 0; i < Pings; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await call.RequestStream.WriteAsync(ping, cancellation);
            await call.ResponseStream.MoveNext(cancellation);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[Pings / 2];
    }

    /// <summary>Bytes per second one way while both directions carry 1 MiB frames; the fastest of three passes.</summary>
    private static async Task<double> ThroughputAsync(AsyncDuplexStreamingCall<EchoFrame, EchoFrame> call, double roundTripMs, CancellationToken cancellation)
    {
        var bulk = new EchoFrame { Payload = ByteString.CopyFrom(new byte[WireLimits.ChunkBytes]) };
        double best = 0;
        for (int pass = 0; pass < 3; pass++)
        {
            long start = Stopwatch.GetTimestamp();
            Task reader = Task.Run(async () =>
            {
                for (int i = 0; i < BulkFrames; i++)
                {
                    await call.ResponseStream.MoveNext(cancellation);
                }
            }, cancellation);
            for (int i = 0; i < BulkFrames; i++)
            {
                await call.RequestStream.WriteAsync(bulk, cancellation);
            }
            await reader;
            double seconds = Math.Max(1e-6, Stopwatch.GetElapsedTime(start).TotalSeconds - roundTripMs / 1000);
            best = Math.Max(best, (double)BulkFrames * WireLimits.ChunkBytes / seconds);
        }
        return best;
    }
}
