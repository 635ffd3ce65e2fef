using Grpc.Core;

namespace PrivClust.Net.Peer;

/// <summary>
/// Binds the party's Peer service as the generated code does, but with <see cref="Wire.PooledPayloads.Exchange"/>'s
/// marshallers for the Exchange stream (named by <see cref="PeerService"/>'s <see cref="BindServiceMethodAttribute"/>).
/// </summary>
public static class PeerServiceBinding
{
    public static void BindService(ServiceBinderBase binder, Protos.V1.Peer.PeerBase service) =>
        Protos.V1.Peer.BindService(new SubstitutingBinder(binder), service);

    private sealed class SubstitutingBinder(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Wire.PooledPayloads.Substitute(method), handler);
    }
}
