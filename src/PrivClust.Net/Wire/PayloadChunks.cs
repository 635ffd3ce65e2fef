namespace PrivClust.Net.Wire;

/// <summary>Cuts a payload of some length into chunks of at most <see cref="WireLimits.ChunkBytes"/>; an empty payload is one empty last chunk.</summary>
public static class PayloadChunks
{
    /// <summary>(offset, length, last) of each chunk of a payload of <paramref name="totalBytes"/>.</summary>
    public static IEnumerable<(int Offset, int Length, bool Last)> Of(int totalBytes, int chunkBytes = WireLimits.ChunkBytes)
    {
        if (totalBytes == 0)
        {
            yield return (0, 0, true);
            yield break;
        }
        for (int offset = 0; offset < totalBytes; offset += chunkBytes)
        {
            int length = Math.Min(chunkBytes, totalBytes - offset);
            yield return (offset, length, offset + length == totalBytes);
        }
    }
}
