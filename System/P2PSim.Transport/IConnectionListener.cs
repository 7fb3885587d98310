namespace P2PSim.Transport;

/// <summary>A bound listener. Disposing it stops accepting; pending <see cref="AcceptAsync"/> calls return null.</summary>
public interface IConnectionListener : IAsyncDisposable
{
    /// <summary>The address actually bound (the real port when 0 was asked for).</summary>
    TransportEndPoint LocalEndPoint { get; }

    /// <summary>Waits for the next connection; null once the listener has been disposed.</summary>
    ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default);
}
