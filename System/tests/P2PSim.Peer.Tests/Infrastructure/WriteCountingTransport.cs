using P2PSim.Transport;

namespace P2PSim.Peer.Tests.Infrastructure;

/// <summary>
/// A transport whose client connections count their writes and can hold one: what a test needs to see how a client
/// groups its frames into writes, and to keep a write under way while other callers queue theirs.
/// </summary>
internal sealed class WriteCountingTransport(ITransport inner) : ITransport
{
    private WriteCountingStream? _last;

    /// <summary>The stream of the latest connection made.</summary>
    public WriteCountingStream Stream => _last ?? throw new InvalidOperationException("No connection was made.");

    public ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        inner.BindAsync(endPoint, cancellationToken);

    public async ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        var connection = await inner.ConnectAsync(endPoint, cancellationToken);
        var counting = new CountingConnection(connection);
        _last = counting.Counting;
        return counting;
    }

    private sealed class CountingConnection(IConnection inner) : IConnection
    {
        public WriteCountingStream Counting { get; } = new(inner.Stream);

        public string Id => inner.Id;

        public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

        public TransportEndPoint RemoteEndPoint => inner.RemoteEndPoint;

        public Stream Stream => Counting;

        public void ShutdownOutput() => inner.ShutdownOutput();

        public void Abort() => inner.Abort();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
