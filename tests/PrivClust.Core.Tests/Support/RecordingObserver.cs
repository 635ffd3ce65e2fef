using PrivClust.Core.Protocols;

namespace PrivClust.Core.Tests.Support;

/// <summary>Records every opening a party makes, for leakage and uniformity tests.</summary>
internal sealed class RecordingObserver : IOpeningObserver
{
    public List<(string What, OpeningKind Kind, ulong[] Values)> Openings { get; } = [];

    public void Opened(string what, OpeningKind kind, ReadOnlySpan<ulong> values) => Openings.Add((what, kind, values.ToArray()));

    public IEnumerable<ulong> Masked => Openings.Where(o => o.Kind == OpeningKind.Masked).SelectMany(o => o.Values);

    public IEnumerable<(string What, ulong[] Values)> Outputs =>
        Openings.Where(o => o.Kind == OpeningKind.Output).Select(o => (o.What, o.Values));
}
