namespace P2PSim.Transport;

/// <summary>
/// One established connection. <see cref="Stream"/> is duplex: reads return 0 at the peer's end of stream;
/// reads and writes honour their cancellation token. Disposing closes gracefully (the peer reads end of stream).
/// </summary>
public interface IConnection : IAsyncDisposable
{
    /// <summary>A short id for logs, unique within the process.</summary>
    string Id { get; }

    /// <summary>This side's address.</summary>
    TransportEndPoint LocalEndPoint { get; }

    /// <summary>The other side's address, as the server sees it (its host is the client's IP for CONNECT).</summary>
    TransportEndPoint RemoteEndPoint { get; }

    /// <summary>The duplex byte stream.</summary>
    Stream Stream { get; }

    /// <summary>
    /// Half-closes: the peer reads end of stream while this side can still read what the peer sends (TCP FIN).
    /// </summary>
    void ShutdownOutput();

    /// <summary>Closes at once without a graceful end: the peer sees a reset.</summary>
    void Abort();
}
