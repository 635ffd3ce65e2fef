using PrivClust.Core.Correlations;

namespace PrivClust.Net.Dealer;

/// <summary>One session at the dealer: both seeds, who opened each party's side, and party b's generator once its stream starts.</summary>
internal sealed class DealerSession(string id, byte[] seed0, byte[] seed1, DateTimeOffset now)
{
    public string Id { get; } = id;
    public byte[][] Seeds { get; } = [seed0, seed1];
    public string?[] Openers { get; } = new string?[2];
    public DateTimeOffset LastActivity { get; set; } = now;
    public bool CorrectionsStarted { get; set; }
    public DealerGenerator? Generator { get; set; }

    /// <summary>Party b's checkpoint marks: generator states by the sequence they resume at (the last few only).</summary>
    public SortedDictionary<ulong, DealerGeneratorState> Marks { get; } = [];

    /// <summary>Counts correction streams; a stream replaced by a resumed one no longer ends the session.</summary>
    public int StreamGeneration { get; set; }
}
