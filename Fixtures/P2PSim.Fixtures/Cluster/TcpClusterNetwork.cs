using P2PSim.Transport;
using P2PSim.Transport.Tcp;
using P2PSim.Transport.Udp;

namespace P2PSim.Fixtures.Cluster;

/// <summary>Loopback TCP and UDP: every node on 127.0.0.1, each on its own port.</summary>
internal sealed class TcpClusterNetwork : ClusterNetwork
{
    public const string Loopback = "127.0.0.1";

    public override ClusterTransport Kind => ClusterTransport.Tcp;

    public override ITransport Client => TcpTransport.Instance;

    public override IDatagramTransport? Datagrams => UdpTransport.Instance;

    public override ITransport Host(string node) => TcpTransport.Instance;

    public override string BindHost(string node) => Loopback;
}
