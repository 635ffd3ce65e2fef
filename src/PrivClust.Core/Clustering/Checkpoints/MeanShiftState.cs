namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>
/// One party's mean-shift loop at an iteration boundary, which lies right after the windows of the next iteration are
/// summed (that iteration's distance round opened the "all stopped" bit of the step before the last one, false here; the
/// last step's bit is still to be tested) and before the division: the
/// moves done (<see cref="Iteration"/>), its shares of the seeds' positions, intensities (window sizes) and active bits
/// (after the last step's shift test),
/// of the next iteration's window sums (m×d) and counts (m), the public converged bits and iteration times so far, and
/// the time already spent in the next iteration. Nothing the dealer was told in advance is unread at this point.
/// </summary>
public sealed record MeanShiftState(int Iteration, ulong[] Positions, ulong[] Intensities, ulong[] Active, ulong[] WindowSums, ulong[] WindowCounts,
    bool[] ConvergedBits, double[] IterationMilliseconds, double CurrentMilliseconds) : AlgorithmState
{
    public override Algorithm Algorithm => Algorithm.MeanShift;
}
