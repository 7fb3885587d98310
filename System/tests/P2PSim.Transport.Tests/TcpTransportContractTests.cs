using P2PSim.Transport.Tcp;

namespace P2PSim.Transport.Tests;

public sealed class TcpTransportContractTests : TransportContract
{
    protected override ITransport Server => TcpTransport.Instance;

    protected override ITransport Client => TcpTransport.Instance;

    protected override TransportEndPoint AnyPort { get; } = new("127.0.0.1", 0);
}
