using System.Net;
using System.Net.Sockets;
using P2PSim.Transport;

namespace P2PSim.LoadGen;

/// <summary>
/// A stand-in for a hung log service: a loopback listener that accepts connections and never reads or replies, so
/// every call of the sink waits for its call timeout. Equivalent, for the sink, to a stopped (SIGSTOP) log daemon
/// whose kernel still completes handshakes. Holds at most <see cref="MaxHeldConnections"/> connections.
/// </summary>
internal sealed class StalledLogService : IAsyncDisposable
{
    private const int MaxHeldConnections = 256;

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _held = [];
    private readonly Task _accepting;

    public StalledLogService()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        EndPoint = new TransportEndPoint("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
        _accepting = AcceptAsync();
    }

    /// <summary>Where the sink should be pointed.</summary>
    public TransportEndPoint EndPoint { get; }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        foreach (var socket in _held)
        {
            socket.Dispose();
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_held.Count < MaxHeldConnections)
            {
                _held.Add(socket);
            }
            else
            {
                socket.Dispose();
            }
        }
    }
}
