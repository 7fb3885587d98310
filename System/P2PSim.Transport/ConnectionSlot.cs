namespace P2PSim.Transport;

/// <summary>
/// A connection's place in its <see cref="ConnectionDispatcher"/>: idle until its handler has read a request and
/// calls <see cref="TryActivate"/>.
/// </summary>
public sealed class ConnectionSlot
{
    private readonly ConnectionDispatcher _dispatcher;

    internal ConnectionSlot(ConnectionDispatcher dispatcher, IConnection connection, string address)
    {
        _dispatcher = dispatcher;
        Connection = connection;
        Address = address;
    }

    internal IConnection Connection { get; }

    internal string Address { get; }

    /// <summary>Its node in the dispatcher's idle list while idle (guarded by the dispatcher's lock).</summary>
    internal LinkedListNode<ConnectionSlot>? IdleNode { get; set; }

    /// <summary>Whether it counts as active (guarded by the dispatcher's lock).</summary>
    internal bool IsActive { get; set; }

    /// <summary>
    /// Whether the dispatcher aborted it to make room, taking it off its address's count then (guarded by the
    /// dispatcher's lock).
    /// </summary>
    internal bool Evicted { get; set; }

    /// <summary>
    /// Counts the connection as active: it has sent a request. False (the connection counted as before) when the
    /// active limit is reached or the connection was evicted meanwhile; the handler should then close it at once.
    /// Calling it again on an active slot returns true.
    /// </summary>
    public bool TryActivate() => _dispatcher.TryActivate(this);
}
