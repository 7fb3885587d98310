using System.CommandLine;
using System.Globalization;
using System.Net;

namespace P2PSim.Cli.Options;

/// <summary><c>--registry redis://HOST:PORT[,HOST:PORT…]</c>: the shared registry several directory servers serve.</summary>
internal static class RegistryOption
{
    public static Option<IReadOnlyList<DnsEndPoint>?> Create() => new("--registry")
    {
        Description = "Keep the registry in Redis (one server, or any nodes of a Redis Cluster), shared by every directory server given the same one (docs/registry-stores.md). Without it the registry lives in memory, or in --data-dir.",
        HelpName = "redis://HOST:PORT[,HOST:PORT…]",
        CustomParser = result =>
        {
            var text = OptionError.Token(result);
            return TryParse(text, out var endPoints)
                ? endPoints
                : OptionError.Report<IReadOnlyList<DnsEndPoint>>(
                    result, $"{OptionError.Spelling(result)} '{text}' is not a Redis address: give redis://HOST:PORT, or several nodes as redis://HOST:PORT,HOST:PORT");
        },
    };

    /// <summary>Parses <c>redis://HOST:PORT[,HOST:PORT…]</c>; the port defaults to Redis's 6379.</summary>
    public static bool TryParse(string text, out IReadOnlyList<DnsEndPoint> endPoints)
    {
        endPoints = [];
        const string Scheme = "redis://";
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parsed = new List<DnsEndPoint>();
        foreach (var node in text[Scheme.Length..].TrimEnd('/').Split(','))
        {
            var colon = node.LastIndexOf(':');
            var host = colon < 0 ? node : node[..colon];
            var port = 6379;
            if ((colon >= 0 && !int.TryParse(node.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)) ||
                port is < 1 or > 65535 || host.Length == 0 || Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
            {
                return false;
            }

            parsed.Add(new DnsEndPoint(host.Trim('[', ']'), port));
        }

        endPoints = parsed;
        return true;
    }
}
