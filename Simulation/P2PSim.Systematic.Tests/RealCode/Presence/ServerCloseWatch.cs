using P2PSim.Transport;

namespace P2PSim.Systematic.Tests.RealCode.Presence;

/// <summary>
/// The server's listener, watched: tells when the server has closed the connection of a given client, which it
/// does after the session's end is handled (and so after a lost session's users are orphaned). A scenario awaits
/// that instead of polling the count of active sessions, which under Coyote would be a loop of arbitrary length.
/// </summary>
internal sealed class ServerCloseWatch(IConnectionListener inner) : IConnectionListener
{
    private readonly object _gate = new();
    private readonly Dictionary<TransportEndPoint, TaskCompletionSource> _closed = [];

    public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        var connection = await inner.AcceptAsync(cancellationToken);
        return connection is null ? null : new WatchedConnection(connection, Closed(connection.RemoteEndPoint));
    }

    /// <summary>Completes once the server has disposed its side of the connection from <paramref name="client"/>.</summary>
    public Task ClosedAsync(TransportEndPoint client) => Closed(client).Task;

    // Awaited rather than passed through: Coyote's rewrite of the pass-through form is an invalid program (1.7.11).
    public async ValueTask DisposeAsync() => await inner.DisposeAsync();

    private TaskCompletionSource Closed(TransportEndPoint client)
    {
        lock (_gate)
        {
            if (!_closed.TryGetValue(client, out var closed))
            {
                closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _closed.Add(client, closed);
            }

            return closed;
        }
    }
}
