using System.Net;
using System.Net.Sockets;

namespace P2PSim.Transport.Sockets;

/// <summary>
/// Socket errors as the transport's own exceptions, each with one sentence that names the address and what to do,
/// so no caller has to know a socket type or print an operating system's bare message.
/// </summary>
internal static class SocketErrors
{
    /// <summary>Why binding <paramref name="endPoint"/> (resolved to <paramref name="address"/>) failed.</summary>
    public static TransportException Bind(SocketException e, string protocol, TransportEndPoint endPoint, IPAddress address)
    {
        var what = $"{protocol} {endPoint}";
        return e.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse => new AddressInUseException(
                $"{what} is already in use; pick another port or stop the process using it.", e),
            SocketError.AddressNotAvailable => new AddressNotAvailableException(
                $"{what} cannot be bound: {address} is not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its own addresses.", e),
            SocketError.AddressFamilyNotSupported or SocketError.ProtocolFamilyNotSupported or SocketError.ProtocolNotSupported =>
                new AddressNotAvailableException(
                    $"{what} cannot be bound: this machine does not support {Family(address)} addresses; use another address such as 127.0.0.1.", e),
            SocketError.AccessDenied when endPoint.Port is > 0 and < 1024 => new AddressAccessDeniedException(
                $"{what} cannot be bound: ports below 1024 need privileges this process lacks; pick a port from 1024 up.", e),
            SocketError.AccessDenied => new AddressAccessDeniedException(
                $"{what} cannot be bound: the system denied it; pick another port or address.", e),
            _ => new TransportException($"{what} cannot be bound ({e.Message}); check the address and the port.", e),
        };
    }

    /// <summary>Why connecting to <paramref name="endPoint"/> failed.</summary>
    public static TransportException Connect(SocketException e, TransportEndPoint endPoint) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => new ConnectionRefusedException($"Nothing is listening at {endPoint} (connection refused).", e),
        SocketError.TimedOut => new TransportException(
            $"Connecting to {endPoint} timed out; check that the host is up and reachable.", e),
        SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.HostDown => new TransportException(
            $"{endPoint} cannot be reached (no route to it); check the address and the network.", e),
        SocketError.AddressFamilyNotSupported or SocketError.ProtocolFamilyNotSupported => new TransportException(
            $"Cannot connect to {endPoint}: this machine does not support its address family; use an IPv4 address.", e),
        _ => new TransportException($"Cannot connect to {endPoint} ({e.Message}); check the address and the network.", e),
    };

    /// <summary>Why sending a datagram to <paramref name="remote"/> failed.</summary>
    public static TransportException Send(SocketException e, TransportEndPoint remote) => e.SocketErrorCode switch
    {
        SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.HostDown => new TransportException(
            $"A datagram to {remote} cannot be sent (no route to it); check the address and the network.", e),
        _ => new TransportException($"A datagram to {remote} cannot be sent ({e.Message}); check the address.", e),
    };

    /// <summary>
    /// Errors an unconnected datagram socket may report for an earlier datagram (an ICMP "port unreachable" on some
    /// systems, a datagram cut short on others): they say nothing about the next one, so receiving goes on.
    /// </summary>
    public static bool IsAboutAnEarlierDatagram(SocketException e) =>
        e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize;

    private static string Family(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : address.AddressFamily.ToString();
}
