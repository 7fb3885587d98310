using System.CommandLine;
using System.Net;
using System.Net.NetworkInformation;

namespace P2PSim.Cli.Options;

/// <summary>
/// The address a service listens on. An IP address must belong to this machine (or be 0.0.0.0 / :: for every
/// interface), so a typo is refused before anything starts instead of failing at bind time. <c>localhost</c> means
/// 127.0.0.1.
/// </summary>
internal static class ListenHostOption
{
    /// <param name="name">The option's name (<c>--host</c>, <c>--listen-host</c>).</param>
    /// <param name="description">What listens there.</param>
    /// <param name="ipOnly">True when a host name cannot be used (UDP binds an IP address).</param>
    public static Option<string> Create(string name, string description, bool ipOnly = false) => new(name)
    {
        Description = description,
        HelpName = ipOnly ? "IP" : "HOST",
        DefaultValueFactory = _ => "127.0.0.1",
        CustomParser = result =>
        {
            var spelling = OptionError.Spelling(result);
            var text = OptionError.Token(result).Trim();
            if (text.Length > 2 && text[0] == '[' && text[^1] == ']')
            {
                text = text[1..^1];
            }

            if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                return "127.0.0.1"; // what the transport would resolve it to; UDP and Kestrel then bind the same
            }

            if (IPAddress.TryParse(text, out var address))
            {
                if (IsOfThisMachine(address))
                {
                    return text;
                }

                var others = Suggestions().ToList();
                var choice = others.Count == 0 ? "127.0.0.1 or 0.0.0.0 (every interface)" : $"127.0.0.1, 0.0.0.0 (every interface) or {string.Join(", ", others)}";
                return OptionError.Report<string>(result, $"{spelling} {text} is not an address of this machine: listen on {choice}");
            }

            if (ipOnly || text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == ':'))
            {
                return OptionError.Report<string>(result, $"{spelling} '{text}' is not an IP address: give one of this machine's, e.g. 127.0.0.1 or 0.0.0.0");
            }

            return text; // a host name: the transport resolves it when binding, and a failure is reported then
        },
    };

    private static bool IsOfThisMachine(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || IPAddress.IsLoopback(address) ||
        LocalAddresses().Contains(address);

    private static IEnumerable<IPAddress> LocalAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => !IPAddress.IsLoopback(a));

    /// <summary>Addresses worth suggesting: IPv4 first, no link-local ones (they need a scope).</summary>
    private static IEnumerable<IPAddress> Suggestions() =>
        LocalAddresses().Where(a => !a.IsIPv6LinkLocal).OrderBy(a => a.GetAddressBytes().Length == 4 ? 0 : 1).Take(3); // 4 bytes: IPv4
}
