namespace PrivClust.Core.Correlations;

/// <summary>
/// Where a <see cref="DealerGenerator"/> stands: the positions of its replays of both parties' sources. With the
/// session's two seeds it rebuilds the generator there (matrix masks are derived again), so a restarted party b
/// reads the same corrections at the same stream positions.
/// </summary>
public sealed record DealerGeneratorState(CorrelationPosition Party0, CorrelationPosition Party1, long BytesGenerated);
