namespace PrivClust.Core.Protocols;

/// <summary>
/// A shared matrix that stays fixed for the whole job (the data X, rows×columns), masked once: the parties
/// hold shares of a dealer mask U and both know E = X − U, opened once (8·rows·columns bytes per party).
/// Every later product with X opens only the other, changing operand. Never build one for a value that changes.
/// </summary>
public sealed class FixedMatrix
{
    private FixedMatrix(int maskId, int rows, int columns, ulong[] maskShare, ulong[] opened, ulong[] share)
    {
        MaskId = maskId;
        Rows = rows;
        Columns = columns;
        MaskShare = maskShare;
        Opened = opened;
        Share = share;
    }

    public int MaskId { get; }
    public int Rows { get; }
    public int Columns { get; }

    /// <summary>This party's share of the mask U.</summary>
    internal ulong[] MaskShare { get; }

    /// <summary>E = X − U, known to both parties.</summary>
    internal ulong[] Opened { get; }

    /// <summary>This party's share of X.</summary>
    public ulong[] Share { get; }

    /// <summary>A fixed matrix as a checkpoint held it (no interaction: E was opened before).</summary>
    internal static FixedMatrix Restore(int maskId, int rows, int columns, ulong[] maskShare, ulong[] opened, ulong[] share) =>
        share.Length == rows * columns && maskShare.Length == share.Length && opened.Length == share.Length
            ? new FixedMatrix(maskId, rows, columns, maskShare, opened, share)
            : throw new ArgumentException($"A checkpointed {rows}×{columns} matrix has arrays of another length.");

    /// <summary>Masks and opens X once (one round).</summary>
    public static FixedMatrix Create(PartySession session, ReadOnlySpan<ulong> share, int rows, int columns)
    {
        if (share.Length != rows * columns)
        {
            throw new ArgumentException($"A {rows}×{columns} matrix has {rows * columns} elements, got {share.Length}.");
        }
        int id = session.NextMaskId();
        ulong[] u = new ulong[share.Length];
        session.Correlations.MatrixMask(id, rows, columns, u);
        ulong[] masked = new ulong[share.Length], opened = new ulong[share.Length];
        Arithmetic.Ring.Subtract(share, u, masked);
        Sharing.Open<ulong>(session, masked, opened, OpeningKind.Masked, "fixed matrix E");
        return new FixedMatrix(id, rows, columns, u, opened, share.ToArray());
    }
}
