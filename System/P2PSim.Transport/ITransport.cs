namespace P2PSim.Transport;

/// <summary>
/// Creates listeners and outgoing connections. Server and peer code depend on this alone and never name a socket
/// type: hosts pick <see cref="Tcp.TcpTransport"/> or an in-memory transport. Both methods fail with
/// <see cref="IOException"/>s (or <see cref="OperationCanceledException"/>); the transports of this library throw
/// the <see cref="TransportException"/>s below, whose messages a command line can print as they are.
/// </summary>
public interface ITransport
{
    /// <summary>Starts listening on <paramref name="endPoint"/> (port 0 picks a free port).</summary>
    /// <exception cref="AddressInUseException">The address is taken.</exception>
    /// <exception cref="AddressNotAvailableException">The address is not this machine's, or its family is unsupported.</exception>
    /// <exception cref="AddressAccessDeniedException">The system refused the port (a privileged one).</exception>
    /// <exception cref="HostNotFoundException">The host name does not resolve.</exception>
    /// <exception cref="TransportException">Any other reason the bind failed.</exception>
    ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default);

    /// <summary>Opens a connection to <paramref name="endPoint"/>.</summary>
    /// <exception cref="ConnectionRefusedException">Nothing listens there.</exception>
    /// <exception cref="HostNotFoundException">The host name does not resolve.</exception>
    /// <exception cref="TransportException">Any other reason the connection failed (unreachable, timed out).</exception>
    ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default);
}
