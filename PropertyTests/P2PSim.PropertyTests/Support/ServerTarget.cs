using P2PSim.Transport;
using P2PSim.Transport.InMemory;
using P2PSim.Transport.Tcp;

namespace P2PSim.PropertyTests.Support;

/// <summary>Where a generated session runs: transports for server and client and the address to bind.</summary>
internal sealed record ServerTarget(string Name, Func<(ITransport Server, ITransport Client, TransportEndPoint Bind)> Create)
{
    /// <summary>The address servers see for our clients, on both targets.</summary>
    public const string ClientIp = "127.0.0.1";

    /// <summary>A fresh in-memory network per session.</summary>
    public static ServerTarget InMemory { get; } = new("in-memory", () =>
    {
        var network = new InMemoryNetwork();
        return (network.CreateTransport("directory"), network.CreateTransport(ClientIp), new TransportEndPoint("directory", 0));
    });

    /// <summary>Loopback TCP on a free port.</summary>
    public static ServerTarget Tcp { get; } = new("tcp", () =>
        (TcpTransport.Instance, TcpTransport.Instance, new TransportEndPoint(ClientIp, 0)));

    public override string ToString() => Name;
}
