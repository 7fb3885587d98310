using P2PSim.Transport;
using P2PSim.Transport.InMemory;
using P2PSim.Transport.Tcp;
using P2PSim.Transport.Udp;
using Xunit;

namespace P2PSim.TestKit;

/// <summary>
/// The network one test runs on: a fresh in-memory network, or real loopback TCP. Everything in one test (servers,
/// clients, peers) shares it. Clients appear as 127.0.0.1 on both, so expected replies and output are the same.
/// </summary>
public sealed class TestNetwork
{
    /// <summary>The address servers see for the test's clients, on both transports.</summary>
    public const string ClientIp = "127.0.0.1";

    private readonly InMemoryNetwork? _memory;

    private TestNetwork(TransportKind kind, InMemoryNetwork? memory)
    {
        Kind = kind;
        _memory = memory;
        Transport = memory?.CreateTransport(ClientIp) ?? TcpTransport.Instance;
        Datagrams = memory?.CreateDatagramTransport() ?? UdpTransport.Instance;
    }

    /// <summary>Both kinds, for <c>[MemberData]</c>: a test taking a <see cref="TransportKind"/> runs once on each.</summary>
    public static TheoryData<TransportKind> Kinds => [TransportKind.InMemory, TransportKind.Tcp];

    /// <summary>Port 0 on loopback: a free port on either transport.</summary>
    public static TransportEndPoint AnyPort { get; } = new(ClientIp, 0);

    public TransportKind Kind { get; }

    /// <summary>The transport of the 127.0.0.1 host: clients, and servers that need no address of their own.</summary>
    public ITransport Transport { get; }

    /// <summary>Datagrams on the same network: in-memory sockets, or real loopback UDP.</summary>
    public IDatagramTransport Datagrams { get; }

    public static TestNetwork Create(TransportKind kind) =>
        kind switch
        {
            TransportKind.InMemory => new TestNetwork(kind, new InMemoryNetwork()),
            TransportKind.Tcp => new TestNetwork(kind, null),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

    /// <summary>
    /// A server's place on this network: in memory a host named <paramref name="host"/> (so its address tells it from
    /// its clients), over TCP loopback; with the address to bind, port 0.
    /// </summary>
    public (ITransport Transport, TransportEndPoint BindAt) Server(string host) =>
        _memory is null ? (Transport, AnyPort) : (_memory.CreateTransport(host), new TransportEndPoint(host, 0));

    /// <summary>An address where nothing listens: bound, then released.</summary>
    public async Task<TransportEndPoint> UnusedEndPointAsync()
    {
        var listener = await Transport.BindAsync(AnyPort);
        var endPoint = listener.LocalEndPoint;
        await listener.DisposeAsync();
        return endPoint;
    }
}
