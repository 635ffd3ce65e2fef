using Grpc.Core;
using Grpc.Core.Interceptors;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Dealer;

/// <summary>
/// Makes a dealer client's Corrections call read its answers with <see cref="PooledCorrectionChunks"/> (the generated
/// client's other calls pass through): installed on party b's dealer channel.
/// </summary>
public sealed class PooledCorrectionsInterceptor : Interceptor
{
    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        if (context.Method.FullName == PooledCorrectionChunks.Method.FullName
            && PooledCorrectionChunks.Method is Method<TRequest, TResponse> pooled)
        {
            return continuation(new ClientInterceptorContext<TRequest, TResponse>(pooled, context.Host, context.Options));
        }
        return continuation(context);
    }
}
