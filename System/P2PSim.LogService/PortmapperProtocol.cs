namespace P2PSim.LogService;

/// <summary>The <c>prot</c> field of a portmapper mapping (RFC 1833 §3): an IP protocol number.</summary>
public enum PortmapperProtocol
{
    /// <summary><c>IPPROTO_TCP = 6</c>.</summary>
    Tcp = 6,

    /// <summary><c>IPPROTO_UDP = 17</c>.</summary>
    Udp = 17,
}
