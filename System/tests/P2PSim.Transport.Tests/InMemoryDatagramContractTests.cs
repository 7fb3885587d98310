using P2PSim.Transport.InMemory;

namespace P2PSim.Transport.Tests;

public sealed class InMemoryDatagramContractTests : DatagramContract
{
    private readonly InMemoryNetwork _network = new();

    protected override IDatagramTransport Datagrams => _network.CreateDatagramTransport();

    protected override TransportEndPoint AnyPort { get; } = new("logd", 0);
}
