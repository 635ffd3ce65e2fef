using System.Runtime.InteropServices;
using PrivClust.Core.Arithmetic;
using PrivClust.Core.Channels;
using PrivClust.Core.Correlations;
using PrivClust.Core.Random;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Everything one party's protocol code runs with: its index, the metered channel to the peer, its
/// correlation source, the common randomness it shares with the peer (for zero-communication input sharing
/// and public coin flips) and the fixed-point parameters. There is no static or global state: two sessions
/// (and a dealer) can run in one process.
/// </summary>
public sealed class PartySession
{
    private readonly AesCtrPrg _inputRandomness;
    private int _nextMaskId;

    /// <param name="partyIndex">0 (party a) or 1 (party b).</param>
    /// <param name="channel">The link to the peer; it is metered here.</param>
    /// <param name="correlations">This party's view of the dealer's randomness.</param>
    /// <param name="commonSeed">A seed both parties agreed at session start (never the dealer's seeds).</param>
    /// <param name="fixedPoint">The job's fixed-point parameters.</param>
    public PartySession(int partyIndex, IChannel channel, ICorrelationSource correlations, ReadOnlySpan<byte> commonSeed, FixedPoint fixedPoint)
    {
        if (partyIndex is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(partyIndex), partyIndex, "A party index is 0 or 1.");
        }
        if (correlations.PartyIndex != partyIndex)
        {
            throw new ArgumentException("The correlation source belongs to the other party.", nameof(correlations));
        }
        PartyIndex = partyIndex;
        Channel = new MeteredChannel(channel);
        Correlations = correlations;
        FixedPoint = fixedPoint;
        _inputRandomness = AesCtrPrg.Derive(commonSeed, "privclust/v1/common/input");
        Coins = AesCtrPrg.Derive(commonSeed, CoinsPurpose);
    }

    public int PartyIndex { get; }

    /// <summary>
    /// A throwaway session that only rehearses a stretch to learn its dealer requests (<see cref="PlanRehearsal"/>): what
    /// it computes is garbage, so shared objects must not cache anything computed through it.
    /// </summary>
    internal bool IsRehearsal { get; init; }

    public bool IsParty0 => PartyIndex == 0;

    public MeteredChannel Channel { get; }

    public ChannelStats Stats => Channel.Stats;

    public ICorrelationSource Correlations { get; }

    public FixedPoint FixedPoint { get; }

    private const string CoinsPurpose = "privclust/v1/common/coins";

    /// <summary>
    /// Public randomness known to both parties (joint coin flips: the random first centroid, dust seeds). By
    /// default derived from the common seed both parties contributed to; <see cref="UsePublicSeed"/> makes it
    /// reproducible from a public job seed instead.
    /// </summary>
    public AesCtrPrg Coins { get; private set; }

    /// <summary>The coin stream a public job seed gives (the same on both parties, and for plaintext twins).</summary>
    public static AesCtrPrg CoinsForPublicSeed(ulong seed) => AesCtrPrg.Derive(BitConverter.GetBytes(seed), CoinsPurpose);

    /// <summary>Replaces the joint coins by the stream of a public job seed (the job's --seed), for reproducible runs.</summary>
    public void UsePublicSeed(ulong seed) => Coins = CoinsForPublicSeed(seed);

    /// <summary>Sees every opening (tests of leakage); null in production.</summary>
    public IOpeningObserver? Observer { get; set; }

    /// <summary>Randomness shared by both parties for input sharing: the owner's share is x − PRG(), the other's PRG().</summary>
    internal AesCtrPrg InputRandomness => _inputRandomness;

    /// <summary>A fresh id for a job-long matrix mask (both parties allocate ids in the same order).</summary>
    public int NextMaskId() => _nextMaskId++;

    /// <summary>A rehearsal's mask ids continue from <paramref name="session"/>'s (<see cref="PlanRehearsal"/>).</summary>
    internal void ContinueMaskIds(PartySession session) => _nextMaskId = session._nextMaskId;

    /// <summary>Where this session's randomness stands (for a checkpoint).</summary>
    public SessionPosition Capture() => new(_inputRandomness.BlocksUsed, Coins.BlocksUsed, _nextMaskId, Correlations.Position);

    /// <summary>
    /// Moves a fresh session (same common seed, same dealer seed, and the job's public seed applied first if it has
    /// one) to a captured position.
    /// </summary>
    public void Restore(SessionPosition position)
    {
        _inputRandomness.Seek(position.InputBlocks);
        Coins.Seek(position.CoinBlocks);
        _nextMaskId = position.NextMaskId;
        Correlations.Restore(position.Correlations);
    }

    /// <summary>One round: sends this party's values and receives the peer's, both typed as T.</summary>
    public void Exchange<T>(ReadOnlySpan<T> send, Span<T> receive) where T : unmanaged =>
        Channel.Exchange(MemoryMarshal.AsBytes(send), MemoryMarshal.AsBytes(receive));

    internal void Observe(string what, OpeningKind kind, ReadOnlySpan<ulong> values) => Observer?.Opened(what, kind, values);

    internal void Observe(string what, OpeningKind kind, ReadOnlySpan<UInt128> values)
    {
        if (Observer is not null)
        {
            Observer.Opened(what, kind, MemoryMarshal.Cast<UInt128, ulong>(values));
        }
    }
}
