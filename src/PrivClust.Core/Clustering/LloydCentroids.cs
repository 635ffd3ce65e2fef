using PrivClust.Core.Protocols;

namespace PrivClust.Core.Clustering;

/// <summary>
/// The centroids Lloyd carries from one iteration to the next (k×d): Z_2^64 shares, or — when the job is small enough for
/// the division's B2A to fold into the next distances round (<see cref="FoldsBorrows"/>) — the base and the binary borrows
/// of C = Base − b as the division left them, turned into Z_2^64 shares by that round. A k-means iteration then takes
/// 11 rounds instead of 12.
/// </summary>
internal sealed class LloydCentroids
{
    private readonly SharedData _data;
    private readonly int _k;

    /// <param name="shares">Z_2^64 shares of the centroids, or their base when <paramref name="borrows"/> is not null.</param>
    /// <param name="borrows">Binary shares of the borrows b (k×d bits, packed), or null when none are pending.</param>
    public LloydCentroids(SharedData data, int k, ulong[] shares, ulong[]? borrows)
    {
        _data = data;
        _k = k;
        FoldsBorrows = Folds(data.Rows, k, data.Columns);
        if (borrows is not null && (!FoldsBorrows || borrows.Length != PackedBits.Words(shares.Length)))
        {
            throw new ArgumentException("Pending borrows of centroids that do not fold them, or of another shape.", nameof(borrows));
        }
        Shares = shares;
        Borrows = borrows;
    }

    /// <summary>Whether this job's division leaves its borrows to the next distances round (decided by public shapes).</summary>
    public bool FoldsBorrows { get; }

    /// <summary>Z_2^64 shares of the centroids when <see cref="Borrows"/> is null, else their base.</summary>
    public ulong[] Shares { get; private set; }

    /// <summary>Binary shares of the pending borrows (k×d bits, packed), or null.</summary>
    public ulong[]? Borrows { get; private set; }

    /// <summary>
    /// Whether a job of n rows, k clusters and d columns folds its centroids' B2A into the distances round: the division is a
    /// table lookup (<see cref="Division.UsesLookup"/>, which can stop at its borrows) and the dealer's n·k·d products of the
    /// data's mask with the borrows' daBits are small (as <see cref="BitRowsProduct.MaxProducts"/>).
    /// </summary>
    public static bool Folds(int n, int k, int d) => Division.UsesLookup(k, n) && (long)n * k * d <= BitRowsProduct.MaxProducts;

    /// <summary>All-zero centroids of the job's shape, pending borrows included when it folds them (a rehearsal's input).</summary>
    public static LloydCentroids Zero(SharedData data, int k)
    {
        int cells = k * data.Columns;
        return new LloydCentroids(data, k, new ulong[cells], Folds(data.Rows, k, data.Columns) ? new ulong[PackedBits.Words(cells)] : null);
    }

    /// <summary>The next iteration's centroids, of the same job.</summary>
    public LloydCentroids Next(ulong[] shares, ulong[]? borrows) => new(_data, _k, shares, borrows);

    /// <summary>
    /// The partial distances to every row up to a constant per row, which the argmin does not see (one round, with
    /// <paramref name="rider"/>): relative to the last centroid (<see cref="SharedData.RelativeDistances"/>) unless the job
    /// folds borrows, whose round also turns the centroids into Z_2^64 shares (no borrows left pending: zero ones are used
    /// when there are none).
    /// </summary>
    public void Distances(PartySession session, OutputOpening? rider, Span<ulong> distances)
    {
        // The argmin needs the distances only up to each row's constant: relative to the last centroid, k − 1 products a row.
        if (!FoldsBorrows && _k >= 2)
        {
            _data.RelativeDistances(session, Shares, _k, distances, rider);
            return;
        }
        if (!FoldsBorrows)
        {
            _data.PartialDistances(session, Shares, _k, distances, rider);
            return;
        }
        ulong[] points = new ulong[Shares.Length];
        _data.PartialDistances(session, Shares, Borrows ?? new ulong[PackedBits.Words(Shares.Length)], _k, distances, points, rider);
        (Shares, Borrows) = (points, null);
    }

    /// <summary>
    /// After the last iteration: opens the pending converged bit (false when there is none) in one round of its own, which
    /// also turns pending borrows into Z_2^64 shares of the centroids (a distances round whose distances are dropped).
    /// </summary>
    public bool Finish(PartySession session, OutputOpening? pending)
    {
        if (FoldsBorrows && (Borrows is not null || pending is not null))
        {
            Distances(session, pending, new ulong[_data.Rows * _k]);
            return pending is not null && SecureLloyd.Flag(pending);
        }
        return pending is not null && Sharing.OpenFlags(session, pending.Shares, pending.What)[0];
    }
}
