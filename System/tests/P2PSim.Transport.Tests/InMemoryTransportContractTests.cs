using P2PSim.Transport.InMemory;

namespace P2PSim.Transport.Tests;

public sealed class InMemoryTransportContractTests : TransportContract
{
    private readonly InMemoryNetwork _network = new();

    protected override ITransport Server => _network.CreateTransport("server");

    protected override ITransport Client => _network.CreateTransport("client");

    protected override TransportEndPoint AnyPort { get; } = new("server", 0);
}
