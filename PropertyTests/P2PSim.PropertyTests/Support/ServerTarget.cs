using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.PropertyTests.Support;

/// <summary>Where a generated session runs: transports for server and client and the address to bind.</summary>
internal sealed record ServerTarget(string Name, TransportKind Kind)
{
    /// <summary>A fresh in-memory network per session, the server on a host of its own.</summary>
    public static ServerTarget InMemory { get; } = new("in-memory", TransportKind.InMemory);

    /// <summary>Loopback TCP on a free port.</summary>
    public static ServerTarget Tcp { get; } = new("tcp", TransportKind.Tcp);

    public (ITransport Server, ITransport Client, TransportEndPoint Bind) Create()
    {
        var network = TestNetwork.Create(Kind);
        var (server, bindAt) = network.Server("directory");
        return (server, network.Transport, bindAt);
    }

    public override string ToString() => Name;
}
