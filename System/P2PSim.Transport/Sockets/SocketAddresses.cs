using System.Net;
using System.Net.Sockets;

namespace P2PSim.Transport.Sockets;

/// <summary>Between <see cref="TransportEndPoint"/>s and the socket API's addresses, for the TCP and UDP transports.</summary>
internal static class SocketAddresses
{
    /// <summary>
    /// <paramref name="host"/> as an IP address: parsed when it is one, else looked up, preferring IPv4 (the
    /// loopback and classic peers are IPv4; an IPv6-only name still resolves).
    /// </summary>
    /// <exception cref="HostNotFoundException">The name does not resolve, or is not a valid host name.</exception>
    public static async ValueTask<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
        {
            throw new HostNotFoundException($"The host name '{host}' does not resolve; check the name or give an IP address.", e);
        }
        catch (SocketException e)
        {
            throw new HostNotFoundException(
                $"The host name '{host}' could not be looked up ({e.Message}); check the name service or give an IP address.", e);
        }
        catch (ArgumentException e)
        {
            // Too long (over 255 characters) or otherwise not a name the resolver accepts.
            throw new HostNotFoundException($"'{host}' is not a valid host name; give an IP address or a host name.", e);
        }

        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ??
               addresses.FirstOrDefault() ??
               throw new HostNotFoundException($"The host name '{host}' resolves to no address; give an IP address.");
    }

    /// <summary>A socket address as a transport address; an IPv4 address mapped into IPv6 reads as plain IPv4.</summary>
    public static TransportEndPoint ToTransport(EndPoint? endPoint) => endPoint is IPEndPoint ip
        ? new TransportEndPoint((ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString(), ip.Port)
        : new TransportEndPoint("unknown", 0);
}
