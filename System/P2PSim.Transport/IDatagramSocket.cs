namespace P2PSim.Transport;

/// <summary>
/// A bound datagram socket. Each <see cref="SendAsync"/> is one datagram and each <see cref="ReceiveAsync"/> returns
/// one, whole or not at all: datagrams may be lost or reordered, and a datagram to an address where nothing is
/// bound vanishes without an error. Disposing unbinds: pending and later receives return null.
/// </summary>
public interface IDatagramSocket : IAsyncDisposable
{
    /// <summary>
    /// The largest datagram sent (65,507 bytes, the IPv4 UDP payload limit). A receive buffer of this size never
    /// cuts a datagram short.
    /// </summary>
    public const int MaxDatagramBytes = 65507;

    /// <summary>The address bound (the real port when 0 was asked for); what receivers see as the sender.</summary>
    TransportEndPoint LocalEndPoint { get; }

    /// <summary>
    /// Waits for the next datagram and copies it into <paramref name="buffer"/>; a longer one is cut to the buffer
    /// (as <c>recvfrom</c> does), so pass <see cref="MaxDatagramBytes"/> to receive any whole. Null once the socket
    /// has been disposed, also for a receive that was already waiting.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="TransportException">The socket itself failed.</exception>
    ValueTask<ReceivedDatagram?> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="datagram"/> to <paramref name="remote"/> as one datagram.</summary>
    /// <exception cref="ArgumentException">The datagram is longer than <see cref="MaxDatagramBytes"/>.</exception>
    /// <exception cref="HostNotFoundException"><paramref name="remote"/>'s host name does not resolve.</exception>
    /// <exception cref="TransportException">The datagram could not be sent (no route, for instance).</exception>
    /// <exception cref="ObjectDisposedException">The socket has been disposed.</exception>
    ValueTask SendAsync(ReadOnlyMemory<byte> datagram, TransportEndPoint remote, CancellationToken cancellationToken = default);
}
