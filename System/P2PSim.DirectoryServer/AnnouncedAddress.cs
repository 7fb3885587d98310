using System.Net;
using Microsoft.Extensions.Logging;
using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer;

/// <summary>
/// The IP a classic client may announce in CONNECT (docs/protocol.md §3.4). The server always registers the address
/// it sees on the connection (spec §2): taking the announced one would let any client point other peers' downloads
/// at an address of its choosing. A different announcement is only logged, since it usually means a client behind
/// NAT or with several interfaces whose peers will not reach it where it thinks.
/// </summary>
internal static class AnnouncedAddress
{
    public static void Check(DirectoryRequest request, string observedHost, ILogger logger, string connectionId)
    {
        if (request is ConnectRequest { AnnouncedIp: { } announced } && !Same(announced, observedHost))
        {
            Log.AnnouncedAddressIgnored(logger, connectionId, request.User, announced, observedHost);
        }
    }

    /// <summary>Equal as addresses: <c>::ffff:127.0.0.1</c> is <c>127.0.0.1</c>, <c>::0:1</c> is <c>::1</c>.</summary>
    internal static bool Same(string announced, string observedHost) =>
        IPAddress.TryParse(announced, out var a) && IPAddress.TryParse(observedHost, out var b)
            ? Normal(a).Equals(Normal(b))
            : string.Equals(announced, observedHost, StringComparison.OrdinalIgnoreCase);

    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
