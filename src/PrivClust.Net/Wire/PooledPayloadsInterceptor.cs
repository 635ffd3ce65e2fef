using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PrivClust.Net.Wire;

/// <summary>
/// Makes a client's Corrections and Exchange calls use <see cref="PooledPayloads"/>' marshallers (other calls pass
/// through): installed on a party's dealer and peer channels.
/// </summary>
public sealed class PooledPayloadsInterceptor : Interceptor
{
    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(new ClientInterceptorContext<TRequest, TResponse>(PooledPayloads.Substitute(context.Method), context.Host, context.Options));
}
