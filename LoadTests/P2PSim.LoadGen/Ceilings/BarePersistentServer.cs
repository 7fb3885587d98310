using System.Net;
using System.Net.Sockets;

namespace P2PSim.LoadGen.Ceilings;

/// <summary>
/// The machine's ceiling for request/response over kept connections: each connection sends fixed
/// <see cref="RequestLength"/>-byte requests and gets one byte back per request. Shows what one-connection-per-op
/// costs compared with a persistent protocol. At most <see cref="MaxConnections"/> connections.
/// </summary>
internal sealed class BarePersistentServer : IAsyncDisposable
{
    public const int RequestLength = 16;

    private const int MaxConnections = 1024;
    private static readonly byte[] Reply = "0"u8.ToArray();

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots = new(MaxConnections);
    private readonly Task[] _accepting;

    public BarePersistentServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1024);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        // One accept loop per core: a single loop would cap the server at one core's worth of accepts.
        _accepting = [.. Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(AcceptAsync))];
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

            socket.NoDelay = true;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            var buffer = new byte[RequestLength];
            while (await FillAsync(socket, buffer, _stop.Token))
            {
                await socket.SendAsync(Reply, SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Client gone or server stopping.
        }
        finally
        {
            socket.Dispose();
            _slots.Release();
        }
    }

    /// <summary>Reads exactly one request; false at a clean end of stream.</summary>
    internal static async ValueTask<bool> FillAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer[filled..], SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return false;
            }

            filled += read;
        }

        return true;
    }
}
