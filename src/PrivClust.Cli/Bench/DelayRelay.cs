using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace PrivClust.Cli.Bench;

/// <summary>
/// A TCP relay that adds a fixed one-way delay to every byte in both directions (what <c>tc netem delay</c> does on a
/// link, for kernels without netem): each chunk read is forwarded when its delay has passed, chunks stay pipelined so
/// throughput is not cut. TLS passes through untouched (the parties check pinned identities, not host names).
/// </summary>
public sealed class DelayRelay : IDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly TimeSpan _delay;
    private readonly CancellationTokenSource _stop = new();

    /// <param name="listenHost">The address the relay listens on (reachable by whoever dials it).</param>
    public DelayRelay(string listenHost, Uri target, TimeSpan delay)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _delay = delay;
        _listener = new TcpListener(IPAddress.Parse(listenHost), 0);
        _listener.Start();
        Url = $"{target.Scheme}://{listenHost}:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _ = AcceptAsync();
    }

    /// <summary>Dial this instead of the target.</summary>
    public string Url { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket inbound = await _listener.AcceptSocketAsync(_stop.Token);
                _ = RelayAsync(inbound);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task RelayAsync(Socket inbound)
    {
        using var outbound = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        inbound.NoDelay = true;
        try
        {
            await outbound.ConnectAsync(_target, _stop.Token);
            await Task.WhenAny(PumpAsync(inbound, outbound), PumpAsync(outbound, inbound));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // One side closed or the relay stopped.
        }
        finally
        {
            inbound.Dispose();
        }
    }

    /// <summary>Sleeps to within 2 ms of <paramref name="due"/> (timer slack), then spins: the delay stays within ~0.1 ms.</summary>
    private async Task WaitUntilAsync(long due)
    {
        TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (wait > TimeSpan.FromMilliseconds(2))
        {
            await Task.Delay(wait - TimeSpan.FromMilliseconds(2), _stop.Token);
        }
        while (Stopwatch.GetTimestamp() < due)
        {
            Thread.SpinWait(64);
        }
    }

    /// <summary>Reads chunks from <paramref name="from"/> and writes each to <paramref name="to"/> once it is due.</summary>
    private async Task PumpAsync(Socket from, Socket to)
    {
        var queue = Channel.CreateUnbounded<(long Due, byte[] Bytes)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        long delayTicks = (long)(_delay.TotalSeconds * Stopwatch.Frequency);
        Task writer = Task.Run(async () =>
        {
            await foreach ((long due, byte[] bytes) in queue.Reader.ReadAllAsync(_stop.Token))
            {
                await WaitUntilAsync(due);
                await to.SendAsync(bytes, SocketFlags.None, _stop.Token);
            }
            to.Shutdown(SocketShutdown.Send);
        });
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
        {
            queue.Writer.TryWrite((Stopwatch.GetTimestamp() + delayTicks, buffer[..read]));
        }
        queue.Writer.TryComplete();
        await writer;
    }
}
