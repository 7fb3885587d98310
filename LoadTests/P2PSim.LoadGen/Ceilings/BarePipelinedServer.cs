using System.Net;
using System.Net.Sockets;

namespace P2PSim.LoadGen.Ceilings;

/// <summary>
/// The machine's ceiling for pipelined request/response: each connection sends fixed
/// <see cref="RequestLength"/>-byte requests without waiting, and the server answers every complete request it has
/// buffered with one reply byte each, all in one write, then reads again — the shape of P2PSim's session loop, with
/// nothing else (no framing, no parsing, no registry). At most <see cref="MaxConnections"/> connections.
/// </summary>
internal sealed class BarePipelinedServer : IAsyncDisposable
{
    public const int RequestLength = BarePersistentServer.RequestLength;

    private const int MaxConnections = 1024;
    private const int ReadBufferBytes = 64 * 1024;

    /// <summary>One reply byte per request a full read buffer can hold.</summary>
    private static readonly byte[] Replies = Enumerable.Repeat((byte)'0', ReadBufferBytes / RequestLength).ToArray();

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots = new(MaxConnections);
    private readonly Task[] _accepting;

    public BarePipelinedServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1024);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        // One accept loop per core, as the other bare servers (accepts are not what this ceiling measures).
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
            var buffer = new byte[ReadBufferBytes];
            var buffered = 0;
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(buffered), SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                buffered += read;
                var requests = buffered / RequestLength;
                var partial = buffered % RequestLength;
                buffer.AsSpan(requests * RequestLength, partial).CopyTo(buffer);
                buffered = partial;
                if (requests > 0)
                {
                    await socket.SendAsync(Replies.AsMemory(0, requests), SocketFlags.None, _stop.Token);
                }
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
}
