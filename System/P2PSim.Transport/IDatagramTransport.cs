namespace P2PSim.Transport;

/// <summary>
/// Binds datagram sockets: UDP's shape (one message per datagram, unordered, unacknowledged, lost without a word)
/// behind the same kind of seam as <see cref="ITransport"/>, so code that speaks UDP never names a socket type.
/// Hosts pick <see cref="Udp.UdpTransport"/> or an in-memory network's datagram transport.
/// </summary>
public interface IDatagramTransport
{
    /// <summary>Binds a socket at <paramref name="endPoint"/> (port 0 picks a free port).</summary>
    /// <exception cref="AddressInUseException">The address is taken.</exception>
    /// <exception cref="AddressNotAvailableException">The address is not this machine's, or its family is unsupported.</exception>
    /// <exception cref="AddressAccessDeniedException">The system refused the port (a privileged one).</exception>
    /// <exception cref="HostNotFoundException">The host name does not resolve.</exception>
    /// <exception cref="TransportException">Any other reason the bind failed.</exception>
    ValueTask<IDatagramSocket> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default);
}
