using PrivClust.Core.Correlations;

namespace PrivClust.Core.Protocols;

/// <summary>
/// Where a <see cref="PartySession"/>'s randomness stands: the input-sharing and coin streams' block positions, the next
/// matrix-mask id and the correlation source's position. Captured at a checkpoint; restored into a session built with
/// the same common seed and dealer seed, it makes every later draw the same as in the uninterrupted run.
/// </summary>
public sealed record SessionPosition(UInt128 InputBlocks, UInt128 CoinBlocks, int NextMaskId, CorrelationPosition Correlations);
