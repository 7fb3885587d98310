using System.Globalization;

namespace P2PSim.Transport;

/// <summary>
/// A transport-neutral address: an IP address or host name and a port for TCP and UDP, any host name for the
/// in-memory transports. Port 0 when binding asks for a free port. Every instance is valid: the constructor and
/// <c>with</c> expressions reject a missing host and a port outside 0–65535, so a bad address fails where it is made,
/// not deep inside a transport.
/// </summary>
public sealed record TransportEndPoint
{
    /// <summary>The highest port number (TCP and UDP ports are 16 bits).</summary>
    public const int MaxPort = 65535;

    /// <summary>Creates an address.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="host"/> is empty or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is outside 0–65535.</exception>
    public TransportEndPoint(string host, int port)
    {
        Host = host;
        Port = port;
    }

    /// <summary>The IP address (without brackets) or host name.</summary>
    public string Host
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Host));
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("An address needs a host: an IP address or a host name.", nameof(Host));
            }

            field = value;
        }
    }

    /// <summary>The port, 0–65535.</summary>
    public int Port
    {
        get;
        init
        {
            if (value is < 0 or > MaxPort)
            {
                throw new ArgumentOutOfRangeException(nameof(Port), value, $"The port {value} is not from 0 to {MaxPort}.");
            }

            field = value;
        }
    }

    /// <summary>Parses <c>host:port</c> (an IPv6 host in brackets: <c>[::1]:5000</c>).</summary>
    /// <exception cref="FormatException">The text is not of that form, names no host, or its port is outside 0–65535.</exception>
    public static TransportEndPoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            throw new FormatException($"'{text}' is not an address of the form host:port.");
        }

        var portText = text[(colon + 1)..];
        if (portText.Length == 0)
        {
            throw new FormatException($"'{text}' is not an address of the form host:port: the port is missing.");
        }

        if (!portText.All(char.IsAsciiDigit))
        {
            throw new FormatException($"'{text}' is not an address of the form host:port: '{portText}' is not a port number.");
        }

        // All digits: only the range can be wrong (an overflowing number is out of range too).
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > MaxPort)
        {
            throw new FormatException($"'{text}' is not an address of the form host:port: the port must be from 0 to {MaxPort}.");
        }

        var host = text[..colon].Trim('[', ']');
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new FormatException($"'{text}' is not an address of the form host:port: the host is missing.");
        }

        return new TransportEndPoint(host, port);
    }

    /// <summary>Splits the address: <c>var (host, port) = endPoint;</c>.</summary>
    public void Deconstruct(out string host, out int port)
    {
        host = Host;
        port = Port;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
