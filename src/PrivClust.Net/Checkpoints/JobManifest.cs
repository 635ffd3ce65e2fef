namespace PrivClust.Net.Checkpoints;

/// <summary>
/// The record of a running job kept beside its checkpoints, so that a restarted daemon can take the job up again: the
/// job id (= session id), the spec (protobuf JSON of the wire spec), whether this party proposed it (and so dials the
/// peer), the peer's data shape, and the fingerprint of the spec and this party's data file the checkpoints belong to.
/// </summary>
public sealed record JobManifest(string JobId, string SpecJson, bool ProposedHere, long PeerRows, int PeerColumns, string Fingerprint);
