using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Google.Protobuf;

namespace PrivClust.Net.Wire;

/// <summary>
/// Arrays for payloads on the wire (peer frames both ways, incoming correction chunks), up to a chunk each, from one
/// bounded pool: a 1 MiB payload in a fresh array is a large-object allocation whose pages fault in and whose churn
/// (tens of MB per k-means iteration at 10^5 rows) triggers full collections.
/// </summary>
public static class WireBuffers
{
    public static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: WireLimits.ChunkBytes, maxArraysPerBucket: 64);

    /// <summary>
    /// Gives the array behind a payload that its reader has used up back to the pool. A payload parsed by protobuf (a
    /// stub without <see cref="PooledPayloads"/>) has an exactly sized array: it is left to the collector unless its
    /// size is one the pool keeps.
    /// </summary>
    public static void Return(ByteString payload)
    {
        if (payload.Length > 0 && MemoryMarshal.TryGetArray(payload.Memory, out ArraySegment<byte> segment)
            && segment.Array is { Length: >= 16 and <= WireLimits.ChunkBytes } array && BitOperations.IsPow2(array.Length))
        {
            Pool.Return(array);
        }
    }
}
