using System.Security.Cryptography;
using Google.Protobuf;
using PrivClust.Core.Channels;
using PrivClust.Net.Wire;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Peer;

/// <summary>
/// The first frame each side of an Exchange stream sends: who it is and what it runs. Each side checks the
/// other's and fails fast, naming the first mismatch; both then derive the common seed from the two
/// contributions.
/// </summary>
public static class PeerHandshake
{
    public static PeerFrame Frame(SessionParameters local, ReadOnlySpan<byte> seedContribution)
    {
        var handshake = new Handshake
        {
            ProtocolVersion = WireLimits.ProtocolVersion,
            SessionId = local.SessionId,
            PartyIndex = local.PartyIndex,
            Ring = new RingParameters { RingBits = WireLimits.RingBits, FractionalBits = local.FractionalBits },
            Shape = local.Shape.ToWire(),
            ExpectedPeerShape = local.ExpectedPeerShape?.ToWire(),
            SeedContribution = ByteString.CopyFrom(seedContribution),
            Resuming = local.LastCheckpoint is not null,
            LastCheckpoint = local.LastCheckpoint ?? 0,
        };
        handshake.Columns.AddRange(local.Columns);
        return new PeerFrame { Handshake = handshake };
    }

    /// <summary>Throws a <see cref="ChannelException"/> naming the first parameter on which the peer disagrees.</summary>
    public static void Validate(SessionParameters local, Handshake remote)
    {
        string? mismatch = FirstMismatch(local, remote);
        if (mismatch is not null)
        {
            throw new ChannelException($"Handshake mismatch in session {local.SessionId}: {mismatch}.");
        }
    }

    /// <summary>SHA-256 of party a's contribution then party b's, truncated to 16 bytes.</summary>
    public static byte[] CommonSeed(int localPartyIndex, ReadOnlySpan<byte> mine, ReadOnlySpan<byte> theirs)
    {
        ReadOnlySpan<byte> partyA = localPartyIndex == 0 ? mine : theirs;
        ReadOnlySpan<byte> partyB = localPartyIndex == 0 ? theirs : mine;
        byte[] joined = new byte[partyA.Length + partyB.Length];
        partyA.CopyTo(joined);
        partyB.CopyTo(joined.AsSpan(partyA.Length));
        return SHA256.HashData(joined)[..WireLimits.SeedBytes];
    }

    private static string? FirstMismatch(SessionParameters local, Handshake remote)
    {
        int ringBits = remote.Ring?.RingBits ?? 0;
        int fractionalBits = remote.Ring?.FractionalBits ?? -1;
        return
            remote.ProtocolVersion != WireLimits.ProtocolVersion ? $"protocol version: this party speaks {WireLimits.ProtocolVersion}, the peer {remote.ProtocolVersion}"
            : remote.SessionId != local.SessionId ? $"session id: the peer opened '{remote.SessionId}'"
            : remote.PartyIndex != 1 - local.PartyIndex ? $"party index: this party is {local.PartyIndex}, the peer claims {remote.PartyIndex}"
            : ringBits != WireLimits.RingBits ? $"ring bits: this party uses {WireLimits.RingBits}, the peer {ringBits}"
            : fractionalBits != local.FractionalBits ? $"fractional bits: this party uses {local.FractionalBits}, the peer {fractionalBits}"
            : !remote.Columns.SequenceEqual(local.Columns, StringComparer.Ordinal) ? $"columns: this party has [{string.Join(", ", local.Columns)}], the peer [{string.Join(", ", remote.Columns)}]"
            : ShapeMismatch("the peer's data", local.ExpectedPeerShape, TableShape.FromWire(remote.Shape))
            ?? ShapeMismatch("this party's data as the peer expects it", TableShape.FromWire(remote.ExpectedPeerShape), local.Shape)
            ?? (remote.SeedContribution.Length != WireLimits.SeedBytes ? $"seed contribution: {remote.SeedContribution.Length} bytes instead of {WireLimits.SeedBytes}" : null)
            ?? (remote.Resuming != local.LastCheckpoint is not null
                ? $"resume: this party {(remote.Resuming ? "starts the session afresh" : "resumes it from a checkpoint")}, the peer {(remote.Resuming ? "resumes it" : "starts it afresh")}"
                : null);
    }

    private static string? ShapeMismatch(string what, TableShape? expected, TableShape? actual) =>
        expected is { } e && actual != e ? $"shape of {what}: expected {e}, got {actual?.ToString() ?? "none"}" : null;
}
