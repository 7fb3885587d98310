namespace P2PSim.Transport;

/// <summary>Why a <see cref="ConnectionDispatcher"/> closed a connection it had not served.</summary>
public enum ConnectionRefusal
{
    /// <summary>As many connections as allowed are being served (a request arrived past the active limit).</summary>
    ActiveLimit,

    /// <summary>Its client address already holds as many connections as allowed.</summary>
    PerAddressLimit,

    /// <summary>It was the oldest of too many connections waiting for their first request.</summary>
    IdleEvicted,
}
