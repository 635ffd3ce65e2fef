namespace PrivClust.Net.Wire;

/// <summary>Sizes of the wire (DESIGN §6): payloads travel in chunks well under the gRPC message limit.</summary>
public static class WireLimits
{
    /// <summary>Protocol version of the peer handshake.</summary>
    public const uint ProtocolVersion = 1;

    /// <summary>The ring of protocol version 1: Z_2^64.</summary>
    public const int RingBits = 64;

    /// <summary>Bytes of payload per frame or correction chunk.</summary>
    public const int ChunkBytes = 1 << 20;

    /// <summary>gRPC send and receive limit: a chunk plus generous room for the frame's other fields.</summary>
    public const int MaxMessageBytes = 4 << 20;

    /// <summary>A job's result files in one control reply (a 10^6-row job's labels are several MB).</summary>
    public const int MaxResultBytes = 512 << 20;

    /// <summary>HTTP/2 flow-control window of one stream (client and server); a connection's is twice that.</summary>
    public const int StreamWindowBytes = 8 << 20;

    /// <summary>Bytes of each party's contribution to the common seed, and of a dealer seed.</summary>
    public const int SeedBytes = 16;

    /// <summary>Longest accepted session or job id.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The most correction requests one dealer-stream message may batch (well under <see cref="MaxMessageBytes"/>).</summary>
    public const int MaxCorrectionBatch = 4096;
}
