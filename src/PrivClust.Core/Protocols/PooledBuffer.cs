using System.Buffers;

namespace PrivClust.Core.Protocols;

/// <summary>
/// A temporary buffer of exactly <see cref="Span"/>.Length elements rented from a process-wide pool and returned on
/// dispose: for the protocols' large, short-lived working arrays (messages in flight, masked values), which
/// otherwise dominate allocation. Never hand the span out beyond the using scope. The pool is bounded (at most 4
/// arrays per size class, none above 2^24 elements): the shared pool kept every large array it ever lent, so a
/// dealer that served a 10^5-row mean-shift held 2.6 GB (1.3 GB with this pool, at the same speed).
/// </summary>
internal readonly struct PooledBuffer<T> : IDisposable where T : unmanaged
{
    private static readonly ArrayPool<T> Pool = ArrayPool<T>.Create(maxArrayLength: 1 << 24, maxArraysPerBucket: 4);
    private readonly T[] _array;
    private readonly int _length;

    public PooledBuffer(int length)
    {
        _array = Pool.Rent(Math.Max(length, 1));
        _length = length;
    }

    public Span<T> Span => _array.AsSpan(0, _length);

    public void Dispose() => Pool.Return(_array);
}
