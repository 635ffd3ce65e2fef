using PrivClust.Net.Wire;

namespace PrivClust.Net.Party;

/// <summary>A party daemon's configuration (section "Party"; JSON file, PRIVCLUST_ environment variables, command line).</summary>
public sealed class PartyOptions
{
    public const string Section = "Party";

    /// <summary>This party: "a" (party index 0) or "b" (party index 1).</summary>
    public string Name { get; set; } = "";

    /// <summary>Where this daemon serves gRPC (Peer, Control, health), e.g. http://0.0.0.0:7101.</summary>
    public string ListenUrl { get; set; } = "";

    /// <summary>Optional HTTP/1.1 endpoint for /healthz, /readyz and /metrics (plaintext gRPC needs HTTP/2-only endpoints).</summary>
    public string? HttpUrl { get; set; }

    /// <summary>The other party's gRPC URL.</summary>
    public string PeerUrl { get; set; } = "";

    /// <summary>The dealer's gRPC URL.</summary>
    public string DealerUrl { get; set; } = "";

    /// <summary>This party's CSV (header row; numeric columns to cluster).</summary>
    public string DataPath { get; set; } = "";

    /// <summary>Where each job's results are written, one folder per job.</summary>
    public string ResultsFolder { get; set; } = "results";

    public PartyPolicyOptions Policy { get; set; } = new();

    public TransportOptions Transport { get; set; } = new();

    /// <summary>The identities this party accepts (peer, dealer, operators).</summary>
    public PartyPinOptions Pins { get; set; } = new();

    /// <summary>How long the peer may take to connect a session's stream after a proposal.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checkpoints of jobs (k-means, elbow, mean-shift) and their resume after a restart.</summary>
    public PartyCheckpointOptions Checkpoints { get; set; } = new();

    public int PartyIndex => Name == "b" ? 1 : 0;

    public string PeerName => Name == "b" ? "a" : "b";
}
