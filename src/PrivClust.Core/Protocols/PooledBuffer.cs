using System.Buffers;

namespace PrivClust.Core.Protocols;

/// <summary>
/// A temporary buffer of exactly <see cref="Span"/>.Length elements rented from the shared pool and returned on
/// dispose: for the protocols' large, short-lived working arrays (messages in flight, masked values), which
/// otherwise dominate allocation. Never hand the span out beyond the using scope.
/// </summary>
internal readonly struct PooledBuffer<T> : IDisposable where T : unmanaged
{
    private readonly T[] _array;
    private readonly int _length;

    public PooledBuffer(int length)
    {
        _array = ArrayPool<T>.Shared.Rent(Math.Max(length, 1));
        _length = length;
    }

    public Span<T> Span => _array.AsSpan(0, _length);

    public void Dispose() => ArrayPool<T>.Shared.Return(_array);
}
