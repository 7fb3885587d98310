using System.Net;
using System.Net.Sockets;

namespace P2PSim.LoadGen.Ceilings;

/// <summary>
/// The machine's ceiling for the classic protocol's shape: accept, read one request (one receive), write a
/// one-byte reply, close. Nothing else — no parsing, no registry, no logging — so a P2PSim server cannot beat it on
/// the same kernel and client. Serves at most <see cref="MaxConcurrentSessions"/> connections at once.
/// </summary>
internal sealed class BareOneShotServer : IAsyncDisposable
{
    private const int MaxConcurrentSessions = 1024;
    private static readonly byte[] Reply = "0"u8.ToArray();

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots = new(MaxConcurrentSessions);
    private readonly Task[] _accepting;

    /// <param name="acceptLoops">Accept loops; one per core by default (one loop measured no different here).</param>
    public BareOneShotServer(int acceptLoops = 0)
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1024);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        // One accept loop per core: a single loop would cap the server at one core's worth of accepts.
        _accepting = [.. Enumerable.Range(0, acceptLoops > 0 ? acceptLoops : Environment.ProcessorCount).Select(_ => Task.Run(AcceptAsync))];
    }

    public IPEndPoint EndPoint { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await Task.WhenAll(_accepting);
        _stop.Dispose();
    }

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

            // Off the accept loop, as P2PSim's dispatcher does: an exchange never holds up the next accept.
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            var buffer = new byte[512];
            await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            await socket.SendAsync(Reply, SocketFlags.None, _stop.Token);
            socket.Shutdown(SocketShutdown.Send);
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
