using System.CommandLine;
using P2PSim.Transport;

namespace P2PSim.Cli.Options;

/// <summary>
/// Where the directory server is, for every command that talks to it (<c>peer</c>, <c>get</c>, <c>search</c>):
/// <c>--directory HOST:PORT</c>. The peer also takes the classic <c>-s HOST -p PORT</c> (<see cref="ClassicDirectory"/>).
/// </summary>
internal static class DirectoryOption
{
    /// <summary>Where a directory is looked for when none is given: the server's default port on this machine.</summary>
    public static TransportEndPoint Default { get; } = new("127.0.0.1", 5000);

    public static Option<TransportEndPoint> Create() => new("--directory", "-d")
    {
        Description = "The directory server, as HOST:PORT ([::1]:PORT for IPv6).",
        HelpName = "HOST:PORT",
        DefaultValueFactory = _ => Default,
        CustomParser = result =>
        {
            var text = OptionError.Token(result);
            return HostPort.TryParse(text, defaultPort: null, out var endPoint, out var problem)
                ? endPoint
                : OptionError.Report<TransportEndPoint>(
                    result, $"{OptionError.Spelling(result)} '{text}' is not HOST:PORT ({problem}): give the directory server's address, e.g. {Default}");
        },
    };
}
