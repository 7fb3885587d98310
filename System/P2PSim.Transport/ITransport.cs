namespace P2PSim.Transport;

/// <summary>
/// Creates listeners and outgoing connections. Server and peer code depend on this alone and never name a socket
/// type: hosts pick <see cref="Tcp.TcpTransport"/> or an in-memory transport.
/// </summary>
public interface ITransport
{
    /// <summary>Starts listening on <paramref name="endPoint"/> (port 0 picks a free port).</summary>
    /// <exception cref="AddressInUseException">The address is taken.</exception>
    ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default);

    /// <summary>Opens a connection to <paramref name="endPoint"/>.</summary>
    /// <exception cref="ConnectionRefusedException">Nothing listens there.</exception>
    ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default);
}
