using Grpc.Core;
using PrivClust.Protos.V1;

namespace PrivClust.Cli.Bench;

/// <summary>The benchmark's link probe, server side: sends every frame back unchanged, in order.</summary>
public sealed class EchoService : BenchEcho.BenchEchoBase
{
    public override async Task Echo(IAsyncStreamReader<EchoFrame> requestStream, IServerStreamWriter<EchoFrame> responseStream, ServerCallContext context)
    {
        await foreach (EchoFrame frame in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(frame, context.CancellationToken);
        }
    }
}
