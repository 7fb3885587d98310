using System.Net.Sockets;
using P2PSim.Transport.Sockets;

namespace P2PSim.Transport.Tcp;

internal sealed class TcpConnection : IConnection
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    public TcpConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        LocalEndPoint = SocketAddresses.ToTransport(socket.LocalEndPoint);
        RemoteEndPoint = SocketAddresses.ToTransport(socket.RemoteEndPoint);
    }

    public string Id { get; } = ConnectionIds.Next();

    public TransportEndPoint LocalEndPoint { get; }

    public TransportEndPoint RemoteEndPoint { get; }

    public Stream Stream => _stream;

    public void ShutdownOutput()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Already reset by the peer: nothing left to half-close.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Abort()
    {
        // Linger 0 turns the close into a reset, as an abort should.
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
