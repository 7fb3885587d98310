using P2PSim.Transport.Throttling;

namespace P2PSim.Transport.Tests;

/// <summary>A cap changes how fast bytes move, never what the connection promises (here over TCP, 64 MiB/s).</summary>
public sealed class ThrottledTransportContractTests : TransportContract
{
    protected override ITransport Server { get; } = new ThrottledTransport(Tcp.TcpTransport.Instance, 64L * 1024 * 1024);

    protected override ITransport Client { get; } = new ThrottledTransport(Tcp.TcpTransport.Instance, 64L * 1024 * 1024);

    protected override TransportEndPoint AnyPort { get; } = new("127.0.0.1", 0);
}
