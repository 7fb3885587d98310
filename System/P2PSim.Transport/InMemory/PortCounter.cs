namespace P2PSim.Transport.InMemory;

/// <summary>
/// Hands out port numbers from <c>first</c> up to 65535 and round again, as an operating system's ephemeral range
/// does, so a long run never runs out of valid ports. Not thread-safe: its owner calls it under its own lock.
/// </summary>
internal sealed class PortCounter
{
    private readonly int _first;
    private int _next;

    public PortCounter(int first)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, TransportEndPoint.MaxPort);
        _first = first;
        _next = first;
    }

    /// <summary>The next port, whether or not it is in use (for the local end of outgoing connections).</summary>
    public int Next()
    {
        var port = _next;
        _next = port == TransportEndPoint.MaxPort ? _first : port + 1;
        return port;
    }

    /// <summary>The next port <paramref name="isTaken"/> says is free.</summary>
    /// <exception cref="AddressInUseException">Every port of the range is taken.</exception>
    public int NextFree(Func<int, bool> isTaken, string host)
    {
        for (var tried = _first; tried <= TransportEndPoint.MaxPort; tried++)
        {
            var port = Next();
            if (!isTaken(port))
            {
                return port;
            }
        }

        throw new AddressInUseException($"Every port from {_first} to {TransportEndPoint.MaxPort} on {host} is in use; close some listeners.");
    }
}
