namespace PrivClust.Core.Protocols;

/// <summary>What an opened value is, for the leakage audit.</summary>
public enum OpeningKind
{
    /// <summary>A value masked by fresh uniform randomness from the dealer (Beaver d/e, comparison c, ...): reveals nothing.</summary>
    Masked,
    /// <summary>A value revealed in clear on purpose: a documented output of the job.</summary>
    Output,
}
