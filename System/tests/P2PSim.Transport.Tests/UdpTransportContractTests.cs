using P2PSim.Transport.Udp;

namespace P2PSim.Transport.Tests;

public sealed class UdpTransportContractTests : DatagramContract
{
    protected override IDatagramTransport Datagrams => UdpTransport.Instance;

    protected override TransportEndPoint AnyPort { get; } = new("127.0.0.1", 0);
}
