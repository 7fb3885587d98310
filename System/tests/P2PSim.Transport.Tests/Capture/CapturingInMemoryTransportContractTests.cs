using P2PSim.Transport.Capture;
using P2PSim.Transport.InMemory;

namespace P2PSim.Transport.Tests.Capture;

/// <summary>The same over the in-memory network, with the network's own capture hook.</summary>
public sealed class CapturingInMemoryTransportContractTests : TransportContract
{
    private readonly InMemoryNetwork _network = new() { Capture = new TrafficCapture(Stream.Null) };

    public CapturingInMemoryTransportContractTests()
    {
        Server = _network.CreateTransport();
        Client = _network.CreateTransport("10.0.0.2");
    }

    protected override ITransport Server { get; }

    protected override ITransport Client { get; }

    protected override TransportEndPoint AnyPort { get; } = new("127.0.0.1", 0);
}
