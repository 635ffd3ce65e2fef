namespace PrivClust.Net.Party;

/// <summary>
/// The identities a party accepts (section "Party:Pins"): each a subject common name issued by the
/// configured CA, or <c>sha256:THUMBPRINT</c>. Defaults are the names <c>privclust certs init</c> uses.
/// </summary>
public sealed class PartyPinOptions
{
    /// <summary>The other party (default "party-b" at a, "party-a" at b): the only caller of the Peer service, and the only server a dials.</summary>
    public string? Peer { get; set; }

    /// <summary>The dealer this party opens sessions with.</summary>
    public string Dealer { get; set; } = "dealer";

    /// <summary>Who may call the Control API (submit, get, watch, list, cancel).</summary>
    public List<string> Operators { get; set; } = [];

    /// <summary>The operators, or "operator" when none is configured.</summary>
    public IReadOnlyList<string> OperatorsOrDefault => Operators.Count > 0 ? Operators : ["operator"];
}
