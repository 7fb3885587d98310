using P2PSim.Transport.Capture;

namespace P2PSim.Transport.Tests.Capture;

/// <summary>A capture records connections and changes nothing they promise: over TCP, both ends captured.</summary>
public sealed class CapturingTcpTransportContractTests : TransportContract
{
    private readonly TrafficCapture _traffic = new(Stream.Null);

    public CapturingTcpTransportContractTests()
    {
        Server = _traffic.Wrap(Tcp.TcpTransport.Instance);
        Client = _traffic.Wrap(Tcp.TcpTransport.Instance);
    }

    protected override ITransport Server { get; }

    protected override ITransport Client { get; }

    protected override TransportEndPoint AnyPort { get; } = new("127.0.0.1", 0);
}
