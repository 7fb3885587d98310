using System.Net;
using System.Net.Sockets;
using P2PSim.Transport.Sockets;

namespace P2PSim.Transport.Udp;

internal sealed class UdpSocket : IDatagramSocket
{
    private readonly Socket _socket;
    private readonly EndPoint _anySender;

    public UdpSocket(Socket socket)
    {
        _socket = socket;
        LocalEndPoint = SocketAddresses.ToTransport(socket.LocalEndPoint);
        _anySender = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    }

    public TransportEndPoint LocalEndPoint { get; }

    public async ValueTask<ReceivedDatagram?> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            throw new ArgumentException("A receive needs room for at least one byte.", nameof(buffer));
        }

        while (true)
        {
            try
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, _anySender, cancellationToken);
                return new ReceivedDatagram(received.ReceivedBytes, SocketAddresses.ToTransport(received.RemoteEndPoint));
            }
            catch (ObjectDisposedException)
            {
                return null; // unbound
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
            {
                return null; // unbound while waiting
            }
            catch (SocketException e) when (SocketErrors.IsAboutAnEarlierDatagram(e))
            {
            }
            catch (SocketException e)
            {
                throw new TransportException($"UDP {LocalEndPoint} cannot receive ({e.Message}).", e);
            }
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, TransportEndPoint remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (datagram.Length > IDatagramSocket.MaxDatagramBytes)
        {
            throw new ArgumentException(
                $"A datagram of {datagram.Length} bytes is over the {IDatagramSocket.MaxDatagramBytes}-byte limit.", nameof(datagram));
        }

        var address = await SocketAddresses.ResolveAsync(remote.Host, cancellationToken);
        try
        {
            await _socket.SendToAsync(datagram, SocketFlags.None, new IPEndPoint(address, remote.Port), cancellationToken);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            // An earlier datagram found nothing bound; this one may too, and a lost datagram is UDP's normal.
        }
        catch (SocketException e)
        {
            throw SocketErrors.Send(e, remote);
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
