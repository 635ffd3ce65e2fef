using System.Numerics;
using System.Runtime.InteropServices;
using PrivClust.Core.Arithmetic;

namespace PrivClust.Core.Protocols;

/// <summary>Input sharing (no communication) and openings, to both parties or to one.</summary>
public static class Sharing
{
    /// <summary>
    /// Shares values owned by party <paramref name="owner"/> with no communication: the owner's share is
    /// x − PRG() and the other party's is PRG(), from the randomness both parties share. The non-owner passes
    /// an empty <paramref name="values"/> and gets its share of each of <paramref name="shares"/>.Length values.
    /// </summary>
    public static void Input(PartySession session, int owner, ReadOnlySpan<ulong> values, Span<ulong> shares)
    {
        session.InputRandomness.Fill(shares);
        if (session.PartyIndex != owner)
        {
            return;
        }
        if (values.Length != shares.Length)
        {
            throw new ArgumentException("The owner passes one value per share.", nameof(values));
        }
        Ring.Subtract(values, shares, shares);
    }

    /// <summary>Opens shared values to both parties (one round, 8 bytes per element each way).</summary>
    public static void Open<T>(PartySession session, ReadOnlySpan<T> shares, Span<T> values, OpeningKind kind, string what)
        where T : unmanaged, IBinaryInteger<T>
    {
        using var peer = new PooledBuffer<T>(shares.Length);
        session.Exchange(shares, peer.Span);
        Ring.Add(shares, peer.Span, values);
        Observe(session, what, kind, values);
    }

    /// <summary>
    /// Opens shared values to party <paramref name="receiver"/> only (one round, the other party sends and
    /// learns nothing). The receiver's <paramref name="values"/> is filled; the other's is left untouched.
    /// </summary>
    public static void OpenTo(PartySession session, int receiver, ReadOnlySpan<ulong> shares, Span<ulong> values, OpeningKind kind, string what)
    {
        if (session.PartyIndex == receiver)
        {
            ulong[] peer = new ulong[shares.Length];
            session.Exchange(ReadOnlySpan<ulong>.Empty, peer.AsSpan());
            Ring.Add(shares, peer, values);
            session.Observe(what, kind, values);
        }
        else
        {
            session.Exchange(shares, Span<ulong>.Empty);
        }
    }

    /// <summary>
    /// Opens values modulo 2^<paramref name="bits"/> to both parties (one round, <paramref name="bits"/> bits per element each
    /// way, packed): <paramref name="values"/> holds this party's shares on entry (only their low bits are sent) and the
    /// opened values below 2^bits on return.
    /// </summary>
    public static void OpenModulo(PartySession session, Span<ulong> values, int bits, OpeningKind kind, string what)
    {
        int packed = BitPlanes.FieldWords(values.Length, bits);
        using var wire = new PooledBuffer<ulong>(2 * packed);
        Span<ulong> mine = wire.Span[..packed], theirs = wire.Span[packed..];
        BitPlanes.PackFields(values, bits, mine);
        session.Exchange<ulong>(mine, theirs);
        BitPlanes.AddFields(theirs, bits, values);
        session.Observe(what, kind, values);
    }

    /// <summary>Opens binary (XOR) shares of packed words to both parties.</summary>
    public static void OpenBits(PartySession session, ReadOnlySpan<ulong> shares, Span<ulong> values, OpeningKind kind, string what)
    {
        ulong[] peer = new ulong[shares.Length];
        session.Exchange(shares, peer.AsSpan());
        for (int i = 0; i < shares.Length; i++)
        {
            values[i] = shares[i] ^ peer[i];
        }
        session.Observe(what, kind, values);
    }

    /// <summary>Opens 0/1 arithmetic shares as a public output (e.g. the converged bit).</summary>
    public static bool[] OpenFlags(PartySession session, ReadOnlySpan<ulong> shares, string what)
    {
        ulong[] values = new ulong[shares.Length];
        Open(session, shares, values.AsSpan(), OpeningKind.Output, what);
        bool[] flags = new bool[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            flags[i] = values[i] switch
            {
                0 => false,
                1 => true,
                _ => throw new InvalidOperationException($"Opened {what} is not a bit: the parties' shares are out of step."),
            };
        }
        return flags;
    }

    /// <summary>This party's share of public constants: the values on party 0, zeros on party 1.</summary>
    public static void Public<T>(PartySession session, ReadOnlySpan<T> values, Span<T> shares) where T : unmanaged, IBinaryInteger<T>
    {
        if (session.IsParty0)
        {
            values.CopyTo(shares);
        }
        else
        {
            shares.Clear();
        }
    }

    private static void Observe<T>(PartySession session, string what, OpeningKind kind, ReadOnlySpan<T> values) where T : unmanaged
    {
        if (session.Observer is not null)
        {
            session.Observer.Opened(what, kind, MemoryMarshal.Cast<T, ulong>(values));
        }
    }
}
