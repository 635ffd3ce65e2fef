using PrivClust.Net.Wire;

namespace PrivClust.Net.Dealer;

/// <summary>Settings of the dealer daemon (section "Dealer" of its configuration).</summary>
public sealed class DealerOptions
{
    public const string Section = "Dealer";

    /// <summary>A session nobody used for this long is dropped with its seeds.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often expired sessions are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the id of a finished or expired session stays refused (no replay of a session id).</summary>
    public TimeSpan ClosedSessionMemory { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Largest correction answer served for one request (128 MiB: the largest request of a k-means job is the B2A of its
    /// n×k one-hot and of its change, 16·n·k bytes, so up to n·k = 8·10^6). A party cannot make the dealer allocate more.
    /// </summary>
    public long MaxCorrectionBytesPerRequest { get; set; } = 128L << 20;

    /// <summary>How many checkpoint marks of party b the dealer keeps per session (a resume starts at b's latest written checkpoint, at most one mark before the last).</summary>
    public int MarksKept { get; set; } = 4;

    /// <summary>Mutual TLS material (or InsecureDev).</summary>
    public TransportOptions Transport { get; set; } = new();

    /// <summary>The identity allowed to open party index 0 (a) of a session: a subject common name from the CA, or sha256:THUMBPRINT.</summary>
    public string PartyA { get; set; } = "party-a";

    /// <summary>The identity allowed to open party index 1 (b) of a session and to read its corrections.</summary>
    public string PartyB { get; set; } = "party-b";
}
