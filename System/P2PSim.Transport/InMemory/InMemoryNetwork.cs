namespace P2PSim.Transport.InMemory;

/// <summary>
/// A network of in-memory hosts: listeners are found by <see cref="TransportEndPoint"/>, connections are pairs of
/// bounded byte channels, and datagram sockets (<see cref="CreateDatagramTransport"/>) are bounded queues of whole
/// datagrams in a port space of their own, as UDP's is apart from TCP's. Built only from <c>lock</c> and
/// <see cref="TaskCompletionSource"/>, which Coyote controls, so the same server and peer code can be explored
/// systematically. Create one per test (or per Coyote iteration).
/// </summary>
public sealed class InMemoryNetwork
{
    private readonly object _gate = new();
    private readonly Dictionary<TransportEndPoint, InMemoryListener> _listeners = [];
    private readonly PortCounter _ports = new(10000);
    private readonly DatagramRouter _datagrams = new();

    /// <summary>Bytes a connection buffers in each direction before a writer waits for the reader.</summary>
    public int ChannelCapacity { get; init; } = 64 * 1024;

    /// <summary>Connections a listener queues before refusing more (a listen backlog).</summary>
    public int Backlog { get; init; } = 1024;

    /// <summary>Datagrams a socket queues before dropping more (a UDP receive buffer).</summary>
    public int DatagramQueueLimit { get; init; } = 256;

    /// <summary>When set, every transport of this network records its connections there (a pcapng file).</summary>
    public Capture.TrafficCapture? Capture { get; init; }

    /// <summary>A transport whose connections come from <paramref name="host"/> (what servers see as the client IP).</summary>
    public ITransport CreateTransport(string host = "127.0.0.1")
    {
        var transport = new InMemoryTransport(this, host);
        return Capture?.Wrap(transport) ?? transport;
    }

    /// <summary>
    /// A datagram transport on this network. A socket receives what is sent to exactly the address it bound (no
    /// wildcard addresses), and its datagrams carry that address as their sender.
    /// </summary>
    public IDatagramTransport CreateDatagramTransport() => new InMemoryDatagramTransport(_datagrams, DatagramQueueLimit);

    internal InMemoryListener Bind(TransportEndPoint endPoint)
    {
        lock (_gate)
        {
            var bound = endPoint.Port != 0
                ? endPoint
                : endPoint with { Port = _ports.NextFree(port => _listeners.ContainsKey(endPoint with { Port = port }), endPoint.Host) };
            if (_listeners.ContainsKey(bound))
            {
                throw new AddressInUseException($"{bound} is already in use; pick another port or close the listener using it.");
            }

            var listener = new InMemoryListener(this, bound, Backlog);
            _listeners.Add(bound, listener);
            return listener;
        }
    }

    internal void Unbind(InMemoryListener listener)
    {
        lock (_gate)
        {
            if (_listeners.TryGetValue(listener.LocalEndPoint, out var current) && ReferenceEquals(current, listener))
            {
                _listeners.Remove(listener.LocalEndPoint);
            }
        }
    }

    internal IConnection Connect(string clientHost, TransportEndPoint remote)
    {
        InMemoryListener? listener;
        TransportEndPoint local;
        lock (_gate)
        {
            _listeners.TryGetValue(remote, out listener);
            local = new TransportEndPoint(clientHost, _ports.Next());
        }

        if (listener is null)
        {
            throw new ConnectionRefusedException($"Nothing is listening at {remote} (connection refused).");
        }

        var toServer = new ByteChannel(ChannelCapacity);
        var toClient = new ByteChannel(ChannelCapacity);
        var client = new InMemoryConnection(local, remote, new InMemoryStream(toClient, toServer));
        var server = new InMemoryConnection(remote, local, new InMemoryStream(toServer, toClient));
        if (!listener.TryEnqueue(server))
        {
            throw new ConnectionRefusedException($"{remote} refused the connection (listener closed or backlog full).");
        }

        return client;
    }
}
