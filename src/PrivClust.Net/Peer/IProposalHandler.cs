using PrivClust.Protos.V1;

namespace PrivClust.Net.Peer;

/// <summary>Decides on a job the peer proposes (the party's job manager; a stub in transport tests).</summary>
public interface IProposalHandler
{
    Task<ProposeReply> HandleAsync(ProposeRequest proposal, CancellationToken cancellation);
}
