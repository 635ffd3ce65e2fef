using System.Net;
using System.Net.Sockets;

namespace PrivClust.Net.Tests.Support;

/// <summary>
/// A plain TCP relay on loopback in front of <paramref name="target"/> (TLS passes through: the parties pin identities,
/// not host names) whose current connections a test can cut at once (<see cref="Sever"/>), both processes staying up;
/// connections made afterwards are relayed again.
/// </summary>
internal sealed class SeverableRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _open = [];

    public SeverableRelay(string target)
    {
        var uri = new Uri(target);
        _target = new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port);
        _listener.Start();
        Url = $"{uri.Scheme}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _ = AcceptAsync();
    }

    /// <summary>Dial this instead of the target.</summary>
    public string Url { get; }

    /// <summary>Connections severed so far.</summary>
    public int Severed { get; private set; }

    /// <summary>Resets every connection relayed now (both ends see the connection break, as when a link goes down).</summary>
    public void Sever()
    {
        lock (_open)
        {
            foreach (Socket socket in _open)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Dispose();
            }
            Severed += _open.Count / 2;
            _open.Clear();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Sever();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
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
        var outbound = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        inbound.NoDelay = true;
        try
        {
            await outbound.ConnectAsync(_target, _stop.Token);
            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }
            await Task.WhenAny(PumpAsync(inbound, outbound), PumpAsync(outbound, inbound));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // One side closed, the link was severed or the relay stopped.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
        {
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
        }
        to.Shutdown(SocketShutdown.Send);
    }
}
