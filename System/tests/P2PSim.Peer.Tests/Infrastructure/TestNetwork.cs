using P2PSim.Transport;
using P2PSim.Transport.InMemory;
using P2PSim.Transport.Tcp;

namespace P2PSim.Peer.Tests.Infrastructure;

/// <summary>
/// The transport a test runs on: a fresh in-memory network, or real loopback TCP. Everything in one test (server,
/// shells, peers) shares it. Clients appear as 127.0.0.1 on both, so expected output is the same.
/// </summary>
internal sealed class TestNetwork
{
    public const string InMemory = "memory";
    public const string Tcp = "tcp";

    private TestNetwork(string kind, ITransport transport)
    {
        Kind = kind;
        Transport = transport;
    }

    public string Kind { get; }

    public ITransport Transport { get; }

    public static TheoryData<string> Kinds => [InMemory, Tcp];

    public static TestNetwork Create(string kind) => kind switch
    {
        InMemory => new TestNetwork(kind, new InMemoryNetwork().CreateTransport("127.0.0.1")),
        Tcp => new TestNetwork(kind, TcpTransport.Instance),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Port 0 on loopback: a free port on either transport.</summary>
    public static TransportEndPoint AnyPort { get; } = new("127.0.0.1", 0);

    /// <summary>An address where nothing listens: bound, then released.</summary>
    public async Task<TransportEndPoint> UnusedEndPointAsync()
    {
        var listener = await Transport.BindAsync(AnyPort);
        var endPoint = listener.LocalEndPoint;
        await listener.DisposeAsync();
        return endPoint;
    }
}
