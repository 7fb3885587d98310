using System.Net;
using System.Net.Sockets;
using P2PSim.Transport.Sockets;

namespace P2PSim.Transport.Tcp;

/// <summary>
/// Real sockets. Listeners bind the given IP (127.0.0.1, ::1, 0.0.0.0) or the address a host name resolves to;
/// clients connect by IP or host name. Every socket error comes out as a <see cref="TransportException"/>.
/// </summary>
public sealed class TcpTransport : ITransport
{
    /// <summary>A shared instance: the transport holds no state.</summary>
    public static TcpTransport Instance { get; } = new();

    /// <summary>Listen backlog: one-connection-per-operation clients arrive in bursts.</summary>
    public int Backlog { get; init; } = 1024;

    /// <inheritdoc/>
    public async ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = await SocketAddresses.ResolveAsync(endPoint.Host, cancellationToken);
        Socket? socket = null;
        try
        {
            socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, endPoint.Port));
            socket.Listen(Backlog);
            return new TcpConnectionListener(socket);
        }
        catch (SocketException e)
        {
            socket?.Dispose();
            throw SocketErrors.Bind(e, "TCP", endPoint, address);
        }
        catch
        {
            socket?.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = await SocketAddresses.ResolveAsync(endPoint.Host, cancellationToken);
        Socket? socket = null;
        try
        {
            socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
            return new TcpConnection(socket);
        }
        catch (SocketException e)
        {
            socket?.Dispose();
            throw SocketErrors.Connect(e, endPoint);
        }
        catch
        {
            socket?.Dispose();
            throw;
        }
    }
}
