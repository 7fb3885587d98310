using System.Net;
using System.Net.Sockets;

namespace P2PSim.Transport.Tcp;

internal sealed class TcpConnectionListener : IConnectionListener
{
    private readonly Socket _socket;

    public TcpConnectionListener(Socket socket)
    {
        _socket = socket;
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        LocalEndPoint = new TransportEndPoint(bound.Address.ToString(), bound.Port);
    }

    public TransportEndPoint LocalEndPoint { get; }

    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                var accepted = await _socket.AcceptAsync(cancellationToken);
                accepted.NoDelay = true;
                return new TcpConnection(accepted);
            }
            catch (ObjectDisposedException)
            {
                return null; // unbound
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
            {
                return null; // unbound while waiting
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // The client gave up before we accepted it; wait for the next one.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
