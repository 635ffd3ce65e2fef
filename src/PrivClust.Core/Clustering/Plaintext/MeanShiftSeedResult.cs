namespace PrivClust.Core.Clustering.Plaintext;

/// <summary>The hill climb of one mean-shift seed (see <see cref="PlainMeanShift.ClimbSeed"/>).</summary>
/// <param name="Position">Final position (d values).</param>
/// <param name="WindowSize">
/// Number of rows in the last window whose mean gave <paramref name="Position"/> (scikit-learn's
/// "intensity"); 0 when the seed was dropped.
/// </param>
/// <param name="Iterations">scikit-learn's <c>completed_iterations</c> for this seed.</param>
/// <param name="Converged">True when the last shift was below the stop threshold.</param>
/// <param name="Dropped">True when a window was empty; the seed then takes no part in the merge.</param>
public sealed record MeanShiftSeedResult(double[] Position, int WindowSize, int Iterations, bool Converged, bool Dropped);
