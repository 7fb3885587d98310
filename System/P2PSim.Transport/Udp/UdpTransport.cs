using System.Net;
using System.Net.Sockets;
using P2PSim.Transport.Sockets;

namespace P2PSim.Transport.Udp;

/// <summary>
/// Real UDP sockets. Binds the given IP (127.0.0.1, ::1, 0.0.0.0) or the address a host name resolves to; sends
/// to an IP or a host name. Every socket error comes out as a <see cref="TransportException"/>.
/// </summary>
public sealed class UdpTransport : IDatagramTransport
{
    /// <summary>A shared instance: the transport holds no state.</summary>
    public static UdpTransport Instance { get; } = new();

    /// <inheritdoc/>
    public async ValueTask<IDatagramSocket> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = await SocketAddresses.ResolveAsync(endPoint.Host, cancellationToken);
        Socket? socket = null;
        try
        {
            socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(address, endPoint.Port));
            return new UdpSocket(socket);
        }
        catch (SocketException e)
        {
            socket?.Dispose();
            throw SocketErrors.Bind(e, "UDP", endPoint, address);
        }
        catch
        {
            socket?.Dispose();
            throw;
        }
    }
}
