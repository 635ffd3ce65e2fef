using PrivClust.Core.Protocols;
using PrivClust.Net.Peer;
using PrivClust.Net.Sessions;
using PrivClust.Net.Wire;

namespace PrivClust.Net.Tests.Support;

/// <summary>
/// Runs a two-party function over real gRPC: each party on its own thread opens a <see cref="NetworkPartySession"/>
/// (party <c>dialer</c> dials the other's Exchange; both open the dealer session; party b streams corrections).
/// </summary>
internal static class GrpcTwoParty
{
    public static SessionParameters DefaultParameters(string sessionId, int party) =>
        new(sessionId, party, 16, ["x"], new TableShape(100 + party, 1));

    public static (Task<PartyOutcome<T>> Party0, Task<PartyOutcome<T>> Party1) Start<T>(LoopbackNetwork network, string sessionId,
        Func<PartySession, T> party0, Func<PartySession, T> party1, int dialer = 0, Func<int, SessionParameters>? parameters = null,
        CancellationToken cancel0 = default)
    {
        parameters ??= party => DefaultParameters(sessionId, party);
        int acceptor = 1 - dialer;
        Task<IncomingExchange> expected = network.Registries[acceptor].Expect(sessionId);
        Func<CancellationToken, Task<PeerLink>> Connect(int party)
        {
            SessionParameters local = parameters(party);
            TimeSpan timeout = network.Transport.ReceiveTimeout;
            return party == dialer
                ? ct => PeerConnector.DialAsync(network.PeerClientOf(acceptor), local, timeout, ct)
                : ct => PeerConnector.AcceptAsync(expected, local, timeout, ct);
        }
        return (RunParty(network, parameters(0), Connect(0), party0, cancel0), RunParty(network, parameters(1), Connect(1), party1, CancellationToken.None));
    }

    public static async Task<(PartyOutcome<T> Party0, PartyOutcome<T> Party1)> RunAsync<T>(LoopbackNetwork network, string sessionId,
        Func<PartySession, T> party0, Func<PartySession, T> party1, int dialer = 0)
    {
        (Task<PartyOutcome<T>> t0, Task<PartyOutcome<T>> t1) = Start(network, sessionId, party0, party1, dialer);
        return (await t0, await t1);
    }

    private static Task<PartyOutcome<T>> RunParty<T>(LoopbackNetwork network, SessionParameters local,
        Func<CancellationToken, Task<PeerLink>> connect, Func<PartySession, T> body, CancellationToken cancellation) =>
        Task.Factory.StartNew(() =>
        {
            NetworkPartySession session = NetworkPartySession
                .OpenAsync(local, network.DealerClientFor(local.PartyIndex), connect, network.Transport.ReceiveTimeout, cancellation)
                .GetAwaiter().GetResult();
            try
            {
                T value = body(session.Session);
                session.DisposeAsync().AsTask().GetAwaiter().GetResult();
                return new PartyOutcome<T>(value, session.Session.Stats, session.DealerBytes);
            }
            catch (Exception e)
            {
                string reason = cancellation.IsCancellationRequested ? "its operator cancelled the job" : $"its protocol failed ({e.GetType().Name})";
                session.AbortAsync(reason).GetAwaiter().GetResult();
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
