using P2PSim.Transport;

namespace P2PSim.TestKit;

/// <summary>
/// A transport whose server-side connections never get a write through (a client that stops reading, with every
/// buffer on the way full) and note whether the server aborted them or closed them gracefully.
/// </summary>
public sealed class StallingTransport(ITransport inner) : ITransport
{
    private readonly List<StallingConnection> _accepted = [];

    /// <summary>The server-side connections accepted so far.</summary>
    public IReadOnlyList<StallingConnection> Accepted
    {
        get
        {
            lock (_accepted)
            {
                return [.. _accepted];
            }
        }
    }

    public async ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        new Listener(await inner.BindAsync(endPoint, cancellationToken), this);

    public ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        inner.ConnectAsync(endPoint, cancellationToken);

    private sealed class Listener(IConnectionListener inner, StallingTransport owner) : IConnectionListener
    {
        public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

        public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            if (await inner.AcceptAsync(cancellationToken) is not { } connection)
            {
                return null;
            }

            var stalling = new StallingConnection(connection);
            lock (owner._accepted)
            {
                owner._accepted.Add(stalling);
            }

            return stalling;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
