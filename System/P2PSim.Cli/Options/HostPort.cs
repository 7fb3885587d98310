using System.Globalization;
using P2PSim.Transport;

namespace P2PSim.Cli.Options;

/// <summary>
/// The one parser of <c>HOST:PORT</c> addresses on the command line: the directory (<c>--directory</c>) and the log
/// service (<c>--operation-log</c>, <c>LOG_RPC_IP</c>). An IPv6 host goes in brackets: <c>[::1]:5000</c>.
/// </summary>
internal static class HostPort
{
    /// <summary>
    /// Parses <paramref name="text"/>. With <paramref name="defaultPort"/> the port may be left out (<c>HOST</c>).
    /// On failure <paramref name="problem"/> says what is wrong, for a message of the form "'x' is not HOST:PORT: …".
    /// </summary>
    public static bool TryParse(string text, int? defaultPort, out TransportEndPoint endPoint, out string problem)
    {
        endPoint = new TransportEndPoint("127.0.0.1", 0);
        text = text.Trim();
        string host;
        string? portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                problem = "an IPv6 host goes in brackets, e.g. [::1]:5000";
                return false;
            }

            host = text[1..close];
            portText = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && text.LastIndexOf(':') != colon)
            {
                problem = "an IPv6 host goes in brackets, e.g. [::1]:5000";
                return false;
            }

            host = colon < 0 ? text : text[..colon];
            portText = colon < 0 ? null : text[(colon + 1)..];
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problem = "the host is missing or holds blanks";
            return false;
        }

        int port;
        if (portText is null)
        {
            if (defaultPort is not { } fallback)
            {
                problem = "the port is missing";
                return false;
            }

            port = fallback;
        }
        else if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            problem = "the port must be a number from 1 to 65535";
            return false;
        }

        endPoint = new TransportEndPoint(host, port);
        problem = string.Empty;
        return true;
    }
}
