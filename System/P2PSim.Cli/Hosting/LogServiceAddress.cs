using System.Globalization;
using P2PSim.Transport;

namespace P2PSim.Cli.Hosting;

/// <summary>
/// Where the directory server sends its operation log: <c>--log-rpc HOST[:PORT]</c>, else the classic
/// <c>LOG_RPC_IP</c> environment variable (same form), else nowhere (logging off).
/// </summary>
internal static class LogServiceAddress
{
    /// <summary>The port <c>p2psim logd</c> listens on by default, and the one assumed when only a host is given.</summary>
    public const int DefaultPort = 4050;

    public static TransportEndPoint? Resolve(string? option)
    {
        var text = string.IsNullOrWhiteSpace(option) ? Environment.GetEnvironmentVariable("LOG_RPC_IP") : option;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        var colon = text.LastIndexOf(':');
        if (colon > 0 && !text.EndsWith(']') && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return TransportEndPoint.Parse(text);
        }

        var host = text.Trim('[', ']');
        return host.Length > 0 ? new TransportEndPoint(host, DefaultPort) : throw new FormatException($"'{text}' names no host.");
    }
}
