namespace PrivClust.Core.Correlations;

/// <summary>
/// Where a <see cref="SeededCorrelationSource"/> stands: the block position of each of its PRG streams (by purpose) and
/// the shapes of the job-long matrix masks it made (id, rows, columns). Positions, not secrets: with the source's
/// seed they resume it exactly where it was (checkpoint and resume of a job).
/// </summary>
public sealed record CorrelationPosition(IReadOnlyDictionary<string, UInt128> Streams, IReadOnlyList<(int Id, int Rows, int Columns)> Masks);
