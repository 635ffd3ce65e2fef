namespace PrivClust.Net.Party;

/// <summary>What this party agrees to run with the peer; a proposal outside it is refused with the reason.</summary>
public sealed class PartyPolicyOptions
{
    /// <summary>Columns of this party's data a job may use (empty: none).</summary>
    public List<string> AllowedColumns { get; set; } = [];

    /// <summary>
    /// Algorithms allowed: "kmeans", "meanshift", "elbow" (which also reveals the loss of every k); not set: all three.
    /// (No initialiser: the configuration binder would append a configured list to a default one.)
    /// </summary>
    public List<string>? Algorithms { get; set; }

    /// <summary>The configured algorithms, or all of them.</summary>
    public IReadOnlyList<string> AllowedAlgorithms => Algorithms ?? ["kmeans", "meanshift", "elbow"];

    /// <summary>Extra outputs the party agrees to reveal: "sizes", "inertia".</summary>
    public List<string> Reveal { get; set; } = [];

    /// <summary>Accept proposals that pass the policy without an operator's approval.</summary>
    public bool AutoAccept { get; set; } = true;
}
