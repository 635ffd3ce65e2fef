using System.Buffers;

namespace PrivClust.Net.Wire;

/// <summary>
/// Arrays for payloads on the wire (outgoing peer frames, incoming correction chunks), up to a chunk each, from one
/// bounded pool: a 1 MiB payload in a fresh array is a large-object allocation whose pages fault in and whose churn
/// (tens of MB per k-means iteration at 10^5 rows) triggers full collections.
/// </summary>
public static class WireBuffers
{
    public static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: WireLimits.ChunkBytes, maxArraysPerBucket: 64);
}
