namespace PrivClust.Core.Channels;

/// <summary>
/// Rounds, messages and bytes of one party's channel, per named phase. Phases nest: the innermost open
/// phase is charged. Not thread-safe: it belongs to the one thread that runs the party's protocol.
/// </summary>
public sealed class ChannelStats
{
    public const string DefaultPhase = "other";
    private readonly Dictionary<string, PhaseCounters> _phases = new(StringComparer.Ordinal);
    private readonly Stack<(string Name, long Started)> _open = new();

    public string CurrentPhase => _open.Count == 0 ? DefaultPhase : _open.Peek().Name;

    /// <summary>Charges everything until the returned scope is disposed to <paramref name="name"/>.</summary>
    public PhaseScope Phase(string name)
    {
        _open.Push((name, System.Diagnostics.Stopwatch.GetTimestamp()));
        return new PhaseScope(this);
    }

    public void Record(int bytesSent, int bytesReceived)
    {
        PhaseCounters c = Counters(CurrentPhase);
        c.Rounds++;
        c.MessagesSent++;
        c.BytesSent += bytesSent;
        c.BytesReceived += bytesReceived;
    }

    public PhaseCounters Total
    {
        get
        {
            var total = new PhaseCounters();
            foreach (PhaseCounters c in _phases.Values)
            {
                total.Add(c);
            }
            return total;
        }
    }

    /// <summary>A copy of the per-phase counters.</summary>
    public IReadOnlyDictionary<string, PhaseCounters> Snapshot() =>
        _phases.ToDictionary(p => p.Key, p => p.Value.Copy(), StringComparer.Ordinal);

    public PhaseCounters Get(string phase) => _phases.TryGetValue(phase, out PhaseCounters? c) ? c.Copy() : new PhaseCounters();

    public void Reset() => _phases.Clear();

    private PhaseCounters Counters(string name)
    {
        if (!_phases.TryGetValue(name, out PhaseCounters? c))
        {
            c = new PhaseCounters();
            _phases[name] = c;
        }
        return c;
    }

    internal void Close()
    {
        (string name, long started) = _open.Pop();
        Counters(name).Elapsed += System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Closes a phase opened by <see cref="Phase"/>.</summary>
    public readonly struct PhaseScope(ChannelStats stats) : IDisposable
    {
        public void Dispose() => stats.Close();
    }
}
