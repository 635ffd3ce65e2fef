using System.Collections.Concurrent;
using PrivClust.Core.Arithmetic;
using PrivClust.Core.Channels;
using PrivClust.Core.Correlations;
using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;

namespace PrivClust.Benchmarks;

/// <summary>
/// A long-lived two-party setup: the same wiring as <see cref="TwoPartyHarness"/> (in-process dealer, in-memory
/// channel, seeds derived from one run seed) but with two dedicated threads that stay alive across calls, so
/// state such as a <see cref="FixedMatrix"/> (and the dealer's copy of its mask) survives between benchmark
/// invocations and no thread is created per call. Optional decorators let the profiler time the channel, the
/// correlation sources and the dealer feed.
/// </summary>
public sealed class PersistentPair : IDisposable
{
    private readonly Worker _w0, _w1;
    private readonly CancellationTokenSource _cancel = new();

    public PersistentPair(ulong seed,
        Func<int, IChannel, IChannel>? wrapChannel = null,
        Func<int, ICorrelationSource, ICorrelationSource>? wrapSource = null,
        Func<ICorrectionFeed, ICorrectionFeed>? wrapFeed = null)
    {
        byte[] seed0 = TwoPartyHarness.DeriveSeed(seed, "dealer/party0");
        byte[] seed1 = TwoPartyHarness.DeriveSeed(seed, "dealer/party1");
        byte[] common = TwoPartyHarness.DeriveSeed(seed, "common");
        Dealer = new DealerGenerator(seed0, seed1);
        (InMemoryChannel c0, InMemoryChannel c1) = InMemoryChannel.CreatePair(_cancel.Token);
        ICorrectionFeed feed = new InProcessDealerFeed(Dealer);
        feed = wrapFeed?.Invoke(feed) ?? feed;
        ICorrelationSource src0 = new SeededCorrelationSource(0, seed0, null);
        ICorrelationSource src1 = new SeededCorrelationSource(1, seed1, feed);
        src0 = wrapSource?.Invoke(0, src0) ?? src0;
        src1 = wrapSource?.Invoke(1, src1) ?? src1;
        IChannel ch0 = wrapChannel?.Invoke(0, c0) ?? c0;
        IChannel ch1 = wrapChannel?.Invoke(1, c1) ?? c1;
        Session0 = new PartySession(0, ch0, src0, common, new FixedPoint());
        Session1 = new PartySession(1, ch1, src1, common, new FixedPoint());
        _w0 = new Worker("party0");
        _w1 = new Worker("party1");
    }

    public PartySession Session0 { get; }
    public PartySession Session1 { get; }
    public DealerGenerator Dealer { get; }

    /// <summary>Runs both parties' bodies concurrently on the two dedicated threads and waits for both.</summary>
    public (T Party0, T Party1) Run<T>(Func<PartySession, T> party0, Func<PartySession, T> party1)
    {
        var r0 = _w0.Post(() => party0(Session0), _cancel);
        var r1 = _w1.Post(() => party1(Session1), _cancel);
        try
        {
            Task.WaitAll(r0, r1);
        }
        catch (AggregateException e)
        {
            throw e.Flatten().InnerExceptions[0];
        }
        return (r0.Result, r1.Result);
    }

    public void Dispose()
    {
        _w0.Dispose();
        _w1.Dispose();
        _cancel.Dispose();
    }

    private sealed class Worker : IDisposable
    {
        private readonly BlockingCollection<Action> _jobs = new();
        private readonly Thread _thread;

        public Worker(string name)
        {
            _thread = new Thread(() =>
            {
                foreach (Action job in _jobs.GetConsumingEnumerable())
                {
                    job();
                }
            }) { IsBackground = true, Name = name };
            _thread.Start();
        }

        public Task<T> Post<T>(Func<T> body, CancellationTokenSource cancel)
        {
            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _jobs.Add(() =>
            {
                try
                {
                    done.SetResult(body());
                }
                catch (Exception e)
                {
                    cancel.Cancel();
                    done.SetException(e);
                }
            });
            return done.Task;
        }

        public void Dispose()
        {
            _jobs.CompleteAdding();
            _thread.Join();
            _jobs.Dispose();
        }
    }
}
