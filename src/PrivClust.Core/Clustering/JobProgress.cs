namespace PrivClust.Core.Clustering;

/// <summary>Progress of a running job: only public facts (iteration, the revealed converged bit, traffic).</summary>
public sealed record JobProgress(string Stage, int Iteration, bool Converged, long Rounds, long BytesSent, TimeSpan Elapsed)
{
    public long BytesReceived { get; init; }

    /// <summary>Correction bytes received from the dealer so far (party b; 0 for party a).</summary>
    public long DealerBytes { get; init; }
}
