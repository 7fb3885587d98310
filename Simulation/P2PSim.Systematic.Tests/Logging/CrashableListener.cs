using P2PSim.Transport;

namespace P2PSim.Systematic.Tests.Logging;

/// <summary>
/// A listener that remembers what it accepted, so a simulated process crash can reset every connection at once:
/// like a killed process, whatever the peer has not read yet (a reply already written, say) is lost.
/// </summary>
internal sealed class CrashableListener(IConnectionListener inner) : IConnectionListener
{
    private readonly object _gate = new();
    private readonly List<IConnection> _accepted = [];
    private bool _crashed;

    public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        var connection = await inner.AcceptAsync(cancellationToken);
        if (connection is null)
        {
            return null;
        }

        lock (_gate)
        {
            if (!_crashed)
            {
                _accepted.Add(connection);
                return connection;
            }
        }

        connection.Abort(); // accepted as the crash happened: it dies with the process
        return connection;
    }

    /// <summary>Stops accepting and resets every accepted connection.</summary>
    public async Task CrashAsync()
    {
        await inner.DisposeAsync();
        IConnection[] accepted;
        lock (_gate)
        {
            _crashed = true;
            accepted = [.. _accepted];
        }

        foreach (var connection in accepted)
        {
            connection.Abort();
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
