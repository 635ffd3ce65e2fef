using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Support;

/// <summary>Records every Peer frame a daemon's server receives on its Exchange streams (what the dialing party sends it); only hosts that register it record.</summary>
internal sealed class RecordingPeerInterceptor : Interceptor
{
    public static ConcurrentQueue<PeerFrame> Received { get; } = new();

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new Recorder<TRequest>(requestStream), responseStream, context);

    private sealed class Recorder<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            bool more = await inner.MoveNext(cancellationToken);
            if (more && inner.Current is PeerFrame frame)
            {
                // A data frame's payload lives in a pooled array that the channel gives back once it has read it: keep a copy.
                Received.Enqueue(frame.BodyCase == PeerFrame.BodyOneofCase.Data
                    ? new PeerFrame { Data = new DataFrame(frame.Data) { Payload = Google.Protobuf.ByteString.CopyFrom(frame.Data.Payload.Span) } }
                    : frame);
            }
            return more;
        }
    }
}
