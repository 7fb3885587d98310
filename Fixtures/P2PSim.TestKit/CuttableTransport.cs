using P2PSim.Transport;

namespace P2PSim.TestKit;

/// <summary>
/// A transport that remembers the connections it opened, so that a test can cut them all at once, as a network
/// failure or a killed process would, without the client's knowledge.
/// </summary>
public sealed class CuttableTransport(ITransport inner) : ITransport
{
    private readonly object _gate = new();
    private readonly List<IConnection> _open = [];

    /// <summary>Connections opened so far.</summary>
    public int Opened { get; private set; }

    /// <inheritdoc />
    public ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        inner.BindAsync(endPoint, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        var connection = await inner.ConnectAsync(endPoint, cancellationToken);
        lock (_gate)
        {
            _open.Add(connection);
            Opened++;
        }

        return connection;
    }

    /// <summary>Aborts every connection opened so far.</summary>
    public void CutAll()
    {
        IConnection[] open;
        lock (_gate)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var connection in open)
        {
            connection.Abort();
        }
    }
}
