namespace PrivClust.Core.Protocols;

/// <summary>
/// A small output opening (e.g. a converged bit) that rides in the same round as a masked opening of another
/// protocol, so that revealing it costs no round of its own. It is reported to the observer as an output.
/// </summary>
public sealed class OutputOpening(ulong[] shares, string what)
{
    public ulong[] Shares { get; } = shares;
    public string What { get; } = what;

    /// <summary>The opened values, once the round has run.</summary>
    public ulong[]? Opened { get; internal set; }
}
