using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering.Checkpoints;

/// <summary>
/// Everything one party needs to resume a job at an iteration boundary, with no interaction before the next iteration:
/// the randomness positions of its session, the public scaling statistics, its shares of the data and its mask, and the
/// algorithm's state (<see cref="KMeansState"/>, <see cref="ElbowState"/> or <see cref="MeanShiftState"/>). Both parties
/// number their checkpoints the same way (<see cref="Number"/> counts boundaries from 0), so they can agree on one to
/// resume from. Holds shares only: on its own it reveals nothing, but it is as sensitive as the job's memory.
/// </summary>
public sealed record JobCheckpoint(long Number, SessionPosition Session, (double Offset, double Scale)[] Statistics, SharedDataState Data,
    AlgorithmState State);
