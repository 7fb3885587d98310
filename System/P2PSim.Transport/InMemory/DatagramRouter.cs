namespace P2PSim.Transport.InMemory;

/// <summary>
/// The datagram side of an <see cref="InMemoryNetwork"/>: bound sockets by address (a port space of their own, as
/// UDP's is apart from TCP's), and delivery from one to another. A datagram to an address nobody has bound is
/// dropped, as UDP drops it.
/// </summary>
internal sealed class DatagramRouter
{
    private readonly object _gate = new();
    private readonly Dictionary<TransportEndPoint, InMemoryDatagramSocket> _sockets = [];
    private readonly PortCounter _ports = new(10000);

    public InMemoryDatagramSocket Bind(TransportEndPoint endPoint, int queueLimit)
    {
        lock (_gate)
        {
            var bound = endPoint.Port != 0
                ? endPoint
                : endPoint with { Port = _ports.NextFree(port => _sockets.ContainsKey(endPoint with { Port = port }), endPoint.Host) };
            if (_sockets.ContainsKey(bound))
            {
                throw new AddressInUseException($"UDP {bound} is already in use; pick another port or close the socket using it.");
            }

            var socket = new InMemoryDatagramSocket(this, bound, queueLimit);
            _sockets.Add(bound, socket);
            return socket;
        }
    }

    public void Unbind(InMemoryDatagramSocket socket)
    {
        lock (_gate)
        {
            if (_sockets.TryGetValue(socket.LocalEndPoint, out var current) && ReferenceEquals(current, socket))
            {
                _sockets.Remove(socket.LocalEndPoint);
            }
        }
    }

    public void Deliver(TransportEndPoint from, TransportEndPoint to, ReadOnlyMemory<byte> datagram)
    {
        InMemoryDatagramSocket? target;
        lock (_gate)
        {
            _sockets.TryGetValue(to, out target);
        }

        // A copy: the sender may reuse its buffer as soon as the send returns.
        target?.Enqueue(datagram.ToArray(), from);
    }
}
