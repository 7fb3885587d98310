using System.Globalization;

namespace P2PSim.Transport;

/// <summary>
/// A transport-neutral address: an IP address or host name and a port for TCP, any host name for the in-memory
/// transport. Port 0 when binding asks for a free port.
/// </summary>
public sealed record TransportEndPoint(string Host, int Port)
{
    /// <summary>Parses <c>host:port</c> (an IPv6 host in brackets: <c>[::1]:5000</c>).</summary>
    public static TransportEndPoint Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ||
            port > 65535)
        {
            throw new FormatException($"'{text}' is not an address of the form host:port.");
        }

        return new TransportEndPoint(text[..colon].Trim('[', ']'), port);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
