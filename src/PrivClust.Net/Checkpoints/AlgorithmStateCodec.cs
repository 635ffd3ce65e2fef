using PrivClust.Core.Clustering;
using PrivClust.Core.Clustering.Checkpoints;
using static PrivClust.Net.Checkpoints.CheckpointBinary;

namespace PrivClust.Net.Checkpoints;

/// <summary>
/// The algorithm's part of a checkpoint file: a one-byte kind naming the algorithm (fixed here, independent of the
/// <see cref="Algorithm"/> enum's values), then that algorithm's state.
/// An unknown kind is unreadable content; a known kind of another algorithm than the job's is refused when resuming.
/// </summary>
internal static class AlgorithmStateCodec
{
    private const int MaxItems = 1 << 20;
    private const byte KMeansKind = 1, MeanShiftKind = 2, ElbowKind = 3;

    public static void Write(BinaryWriter writer, AlgorithmState state)
    {
        switch (state)
        {
            case KMeansState kMeans:
                writer.Write(KMeansKind);
                WriteKMeans(writer, kMeans);
                break;
            case ElbowState elbow:
                writer.Write(ElbowKind);
                CheckpointBinary.Write(writer, elbow.Finished, step => { writer.Write(step.K); writer.Write(step.Loss); WriteOutcome(writer, step.Run); });
                WriteKMeans(writer, elbow.Current);
                break;
            case MeanShiftState shift:
                writer.Write(MeanShiftKind);
                WriteMeanShift(writer, shift);
                break;
            default:
                throw new ArgumentException($"no checkpoint encoding for {state.GetType().Name}", nameof(state));
        }
    }

    public static AlgorithmState Read(BinaryReader reader)
    {
        byte kind = reader.ReadByte();
        return kind switch
        {
            KMeansKind => ReadKMeans(reader),
            ElbowKind => new ElbowState(ReadList(reader, MaxItems, () => new ElbowStep(reader.ReadInt32(), reader.ReadDouble(), ReadOutcome(reader))),
                ReadKMeans(reader)),
            MeanShiftKind => ReadMeanShift(reader),
            _ => throw new InvalidDataException($"an algorithm state of unknown kind {kind}"),
        };
    }

    private static void WriteKMeans(BinaryWriter writer, KMeansState state)
    {
        writer.Write(state.Restart);
        CheckpointBinary.Write(writer, state.FinishedRestarts, o => WriteOutcome(writer, o));
        LloydState lloyd = state.Lloyd;
        writer.Write(lloyd.Iteration);
        CheckpointBinary.Write(writer, lloyd.Centroids);
        CheckpointBinary.Write(writer, lloyd.PreviousBits);
        CheckpointBinary.Write(writer, lloyd.PendingConverged);
        CheckpointBinary.Write(writer, lloyd.ConvergedBits, writer.Write);
        CheckpointBinary.Write(writer, lloyd.IterationMilliseconds, writer.Write);
        CheckpointBinary.Write(writer, lloyd.CentroidBorrows);
    }

    private static KMeansState ReadKMeans(BinaryReader reader)
    {
        int restart = reader.ReadInt32();
        LloydOutcome[] finished = ReadList(reader, MaxItems, () => ReadOutcome(reader));
        var lloyd = new LloydState(reader.ReadInt32(), ReadRequired(reader, MaxItems), ReadArray(reader, int.MaxValue), ReadArray(reader, MaxItems),
            ReadList(reader, MaxItems, reader.ReadBoolean), ReadList(reader, MaxItems, reader.ReadDouble), ReadArray(reader, MaxItems));
        return new KMeansState(restart, finished, lloyd);
    }

    private static void WriteMeanShift(BinaryWriter writer, MeanShiftState state)
    {
        writer.Write(state.Iteration);
        foreach (ulong[] shares in new[] { state.Positions, state.Intensities, state.Active, state.WindowSums, state.WindowCounts })
        {
            CheckpointBinary.Write(writer, shares);
        }
        CheckpointBinary.Write(writer, state.ConvergedBits, writer.Write);
        CheckpointBinary.Write(writer, state.IterationMilliseconds, writer.Write);
        writer.Write(state.CurrentMilliseconds);
    }

    private static MeanShiftState ReadMeanShift(BinaryReader reader) =>
        new(reader.ReadInt32(), ReadRequired(reader, MaxItems), ReadRequired(reader, MaxItems), ReadRequired(reader, MaxItems),
            ReadRequired(reader, MaxItems), ReadRequired(reader, MaxItems), ReadList(reader, MaxItems, reader.ReadBoolean),
            ReadList(reader, MaxItems, reader.ReadDouble), reader.ReadDouble());

    private static void WriteOutcome(BinaryWriter writer, LloydOutcome outcome)
    {
        CheckpointBinary.Write(writer, outcome.Centroids);
        writer.Write(outcome.Iterations);
        writer.Write(outcome.Converged);
        CheckpointBinary.Write(writer, outcome.ConvergedBits, writer.Write);
        CheckpointBinary.Write(writer, outcome.IterationMilliseconds, writer.Write);
    }

    private static LloydOutcome ReadOutcome(BinaryReader reader) =>
        new(ReadRequired(reader, MaxItems), reader.ReadInt32(), reader.ReadBoolean(), ReadList(reader, MaxItems, reader.ReadBoolean),
            ReadList(reader, MaxItems, reader.ReadDouble));
}
