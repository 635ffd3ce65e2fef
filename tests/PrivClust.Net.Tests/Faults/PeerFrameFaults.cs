using Google.Protobuf;
using PrivClust.Net.Peer;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Faults;

/// <summary>Bad frames a dialer can put on a peer Exchange stream after a valid handshake, as raw bytes.</summary>
internal static class PeerFrameFaults
{
    public const int MessageBytes = 32;

    public enum Kind
    {
        Truncated, Oversized, OverLimit, StepAhead, StepBehind, WrongSession, RandomBytes, CutProtobuf, EmptyFrame,
        SecondHandshake, HangUpMidMessage, ChunkThenOtherStep,
    }

    public static byte[] Handshake(string session) =>
        PeerHandshake.Frame(GrpcTwoParty.DefaultParameters(session, 0), new byte[16]).ToByteArray();

    public static byte[] Data(string session, ulong step, int length, bool last = true) =>
        new PeerFrame { Data = new DataFrame { SessionId = session, Step = step, Payload = ByteString.CopyFrom(new byte[length]), LastChunk = last } }.ToByteArray();

    /// <summary>The frames of fault <paramref name="kind"/> at round <paramref name="step"/> (the one the acceptor waits for).</summary>
    public static IEnumerable<byte[]> Frames(Kind kind, string session, ulong step, Random random) => kind switch
    {
        Kind.Truncated => [Data(session, step, random.Next(0, MessageBytes))],
        Kind.Oversized => [Data(session, step, random.Next(MessageBytes + 1, 100_000))],
        Kind.OverLimit => [Data(session, step, 5 << 20)],
        Kind.StepAhead => [Data(session, step + 1 + (ulong)random.Next(0, 1000), MessageBytes)],
        Kind.StepBehind => [Data(session, random.Next(2) == 0 ? 0 : ulong.MaxValue, MessageBytes)],
        Kind.WrongSession => [Data(RandomText(random), step, MessageBytes)],
        Kind.RandomBytes => [RandomBytes(random, random.Next(1, 300))],
        Kind.CutProtobuf => [Data(session, step, MessageBytes)[..random.Next(1, 20)]],
        Kind.EmptyFrame => [[]],
        Kind.SecondHandshake => [Handshake(session)],
        Kind.HangUpMidMessage => [Data(session, step, 8, last: false)],
        Kind.ChunkThenOtherStep => [Data(session, step, 8, last: false), Data(session, step + 1, 24)],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random) =>
        new(Enumerable.Range(0, random.Next(0, 200)).Select(_ => (char)random.Next(0, 0xD7FF)).ToArray());
}
