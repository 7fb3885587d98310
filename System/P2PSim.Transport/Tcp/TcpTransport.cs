using System.Net;
using System.Net.Sockets;

namespace P2PSim.Transport.Tcp;

/// <summary>Real sockets. Listeners bind the given IP (127.0.0.1, ::1, 0.0.0.0); clients connect by IP or host name.</summary>
public sealed class TcpTransport : ITransport
{
    /// <summary>A shared instance: the transport holds no state.</summary>
    public static TcpTransport Instance { get; } = new();

    /// <summary>Listen backlog: one-connection-per-operation clients arrive in bursts.</summary>
    public int Backlog { get; init; } = 1024;

    /// <inheritdoc/>
    public async ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        var address = await ResolveAsync(endPoint.Host, cancellationToken);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, endPoint.Port));
            socket.Listen(Backlog);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw new AddressInUseException($"{endPoint} is already in use; pick another port or stop the process using it.", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new TcpConnectionListener(socket);
    }

    /// <inheritdoc/>
    public async ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        var address = await ResolveAsync(endPoint.Host, cancellationToken);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            socket.Dispose();
            throw new ConnectionRefusedException($"Nothing is listening at {endPoint} (connection refused).", e);
        }
        catch (SocketException e)
        {
            // Callers handle IOException and never name a socket type.
            socket.Dispose();
            throw new IOException($"Cannot connect to {endPoint}: {e.Message}.", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new TcpConnection(socket);
    }

    private static async ValueTask<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException e)
        {
            throw new IOException($"The host name '{host}' does not resolve: {e.Message}.", e);
        }

        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ??
               addresses.FirstOrDefault() ??
               throw new IOException($"The host name '{host}' did not resolve to any address.");
    }
}
