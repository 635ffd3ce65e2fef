namespace PrivClust.Core.Protocols;

/// <summary>
/// A small output opening (e.g. a converged bit) that rides in the same round as a masked opening of another
/// protocol, so that revealing it costs no round of its own. It is reported to the observer as an output.
/// </summary>
/// <param name="binary">The shares are XOR-shares of bits (opened by XOR) rather than Z_2^64 shares (opened by adding).</param>
public sealed class OutputOpening(ulong[] shares, string what, bool binary = false)
{
    public ulong[] Shares { get; } = shares;
    public string What { get; } = what;
    public bool Binary { get; } = binary;

    /// <summary>The opened values, once the round has run.</summary>
    public ulong[]? Opened { get; internal set; }

    /// <summary>Opens from this party's shares and the other party's, as they travelled in a round, and reports it.</summary>
    internal void Finish(PartySession session, ReadOnlySpan<ulong> mine, ReadOnlySpan<ulong> theirs)
    {
        ulong[] opened = new ulong[Shares.Length];
        for (int i = 0; i < opened.Length; i++)
        {
            opened[i] = Binary ? mine[i] ^ theirs[i] : mine[i] + theirs[i];
        }
        Opened = opened;
        session.Observe(What, OpeningKind.Output, opened);
    }
}
