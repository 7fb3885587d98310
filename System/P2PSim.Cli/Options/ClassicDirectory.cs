using System.CommandLine;
using System.Net;
using P2PSim.Transport;

namespace P2PSim.Cli.Options;

/// <summary>
/// The classic client's spelling of the directory, <c>-s HOST -p PORT</c>, kept on <c>p2psim peer</c> beside
/// <c>--directory HOST:PORT</c>. Either spelling may be used, not both.
/// </summary>
internal sealed class ClassicDirectory
{
    public Option<string> Host { get; } = new("-s")
    {
        Description = $"Classic spelling of --directory: the directory server's host (default {DirectoryOption.Default.Host}).",
        HelpName = "HOST",
        CustomParser = result =>
        {
            var text = OptionError.Token(result);
            var host = text.Trim();
            if (host.Length > 2 && host[0] == '[' && host[^1] == ']')
            {
                host = host[1..^1];
            }

            if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                return OptionError.Report<string>(result, $"-s '{text}' is not a host: give the directory server's host, e.g. {DirectoryOption.Default.Host}");
            }

            return host.Contains(':', StringComparison.Ordinal) && !IPAddress.TryParse(host, out _)
                ? OptionError.Report<string>(result, $"-s '{text}' holds a port: give the host alone and the port with -p, or use --directory HOST:PORT")
                : host;
        },
    };

    public Option<int?> Port { get; } = new("-p")
    {
        Description = $"Classic spelling of --directory: the directory server's port (default {DirectoryOption.Default.Port}).",
        HelpName = "PORT",
        CustomParser = result => PortOption.Parse(result, allowZero: false),
    };

    /// <summary>The directory the user named with either spelling; <see cref="UsageException"/> when both are used.</summary>
    public TransportEndPoint Resolve(ParseResult parse, Option<TransportEndPoint> directory)
    {
        var classic = parse.GetResult(Host) is { Implicit: false } || parse.GetResult(Port) is { Implicit: false };
        if (!classic)
        {
            return parse.GetValue(directory)!;
        }

        if (parse.GetResult(directory) is { Implicit: false })
        {
            throw new UsageException("give the directory either as --directory HOST:PORT or as -s HOST -p PORT, not both");
        }

        return new TransportEndPoint(parse.GetValue(Host) ?? DirectoryOption.Default.Host, parse.GetValue(Port) ?? DirectoryOption.Default.Port);
    }
}
