using System.CommandLine;
using P2PSim.Transport;

namespace P2PSim.Cli.Options;

/// <summary>
/// Where the directory server sends its operation log: <c>--operation-log HOST[:PORT]</c>, else the classic
/// <c>LOG_RPC_IP</c> environment variable (same form), else nowhere (logging off).
/// </summary>
internal static class LogServiceAddress
{
    /// <summary>The port <c>p2psim logd</c> listens on by default, and the one assumed when only a host is given.</summary>
    public const int DefaultPort = 4050;

    /// <summary>The classic environment variable naming the log service.</summary>
    public const string Variable = "LOG_RPC_IP";

    /// <summary><c>--operation-log HOST[:PORT]</c>.</summary>
    public static Option<TransportEndPoint?> Create() => new("--operation-log")
    {
        Description = $"Send every operation to the ONC-RPC log service at HOST[:PORT] (port {DefaultPort} if left out); default: ${Variable}, else no operation log.",
        HelpName = "HOST[:PORT]",
        CustomParser = result =>
        {
            var text = OptionError.Token(result);
            return HostPort.TryParse(text, DefaultPort, out var endPoint, out var problem)
                ? endPoint
                : OptionError.Report<TransportEndPoint>(
                    result, $"{OptionError.Spelling(result)} '{text}' is not HOST[:PORT] ({problem}): give the log service's address, e.g. 127.0.0.1:{DefaultPort}");
        },
    };

    /// <summary>The option's address, else <c>LOG_RPC_IP</c>'s; null when neither is set.</summary>
    /// <exception cref="UsageException"><c>LOG_RPC_IP</c> is set but not HOST[:PORT].</exception>
    public static TransportEndPoint? Resolve(TransportEndPoint? option)
    {
        if (option is not null)
        {
            return option;
        }

        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return HostPort.TryParse(text, DefaultPort, out var endPoint, out var problem)
            ? endPoint
            : throw new UsageException($"{Variable}='{text}' is not HOST[:PORT] ({problem}): set it to the log service's address, e.g. 127.0.0.1:{DefaultPort}, or unset it");
    }
}
