using PrivClust.Net.Peer;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Support;

/// <summary>Accepts every proposal (transport tests run sessions without a job manager).</summary>
internal sealed class StubProposalHandler : IProposalHandler
{
    public Task<ProposeReply> HandleAsync(ProposeRequest proposal, CancellationToken cancellation) =>
        Task.FromResult(new ProposeReply { Accepted = true });
}
