using System.Net;
using System.Net.Sockets;

namespace P2PSim.LoadGen.Ceilings;

/// <summary>
/// What the ceiling servers share: a loopback listener, one accept loop per core (a single loop would cap a server at
/// one core's worth of accepts), a bound on connections served at once, and a stop. A subclass says only how one
/// connection is served.
/// </summary>
internal abstract class BareSocketServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots;
    private readonly bool _serveOnPool;
    private Task[] _accepting = [];

    /// <param name="maxConnections">Connections served at once; accepting waits beyond it.</param>
    /// <param name="serveOnPool">
    /// True to start each connection's work as a thread-pool item, so an exchange never holds up the next accept (as
    /// P2PSim's dispatcher does); false to run it on the accept loop up to its first wait.
    /// </param>
    protected BareSocketServer(int maxConnections, bool serveOnPool)
    {
        _slots = new SemaphoreSlim(maxConnections);
        _serveOnPool = serveOnPool;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1024);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await Task.WhenAll(_accepting);
        _stop.Dispose();
    }

    /// <summary>Serves one accepted connection until it ends; errors from a client gone or the stop are absorbed.</summary>
    protected abstract Task ServeAsync(Socket socket, CancellationToken stopping);

    /// <summary>Starts the accept loops (one per core unless <paramref name="acceptLoops"/> says otherwise).</summary>
    protected void Start(int acceptLoops = 0) =>
        _accepting = [.. Enumerable.Range(0, acceptLoops > 0 ? acceptLoops : Environment.ProcessorCount).Select(_ => Task.Run(AcceptAsync))];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                await _slots.WaitAsync(_stop.Token);
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = _serveOnPool ? Task.Run(() => ServeOneAsync(socket)) : ServeOneAsync(socket);
        }
    }

    private async Task ServeOneAsync(Socket socket)
    {
        try
        {
            await ServeAsync(socket, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // A client gone or the server stopping: nothing to report in a ceiling server.
        }
        finally
        {
            socket.Dispose();
            _slots.Release();
        }
    }
}
