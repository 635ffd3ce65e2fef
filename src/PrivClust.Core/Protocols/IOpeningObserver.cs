namespace PrivClust.Core.Protocols;

/// <summary>
/// Sees every opening a party makes (what, how many values, and whether masked or an output). The leakage
/// tests use it to check that a job opens in clear exactly its documented outputs; it is never given values
/// of masked openings' underlying secrets.
/// </summary>
public interface IOpeningObserver
{
    void Opened(string what, OpeningKind kind, ReadOnlySpan<ulong> values);
}
