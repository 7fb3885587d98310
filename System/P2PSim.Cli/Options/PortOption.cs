using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace P2PSim.Cli.Options;

/// <summary>Port options: <c>-p/--port</c> is where a service listens, on every command that listens.</summary>
internal static class PortOption
{
    /// <summary><c>-p/--port PORT</c> of a service: 0 to 65535, 0 picking a free one (the first stdout line says which).</summary>
    public static Option<int> Listen(int defaultPort, string what) => new("--port", "-p")
    {
        Description = $"Port {what} listens on; 0 picks a free one (printed in the first line).",
        HelpName = "PORT",
        DefaultValueFactory = _ => defaultPort,
        CustomParser = result => Parse(result, allowZero: true) ?? 0,
    };

    /// <summary>
    /// Reads a port from the option's token: a number from 0 (when <paramref name="allowZero"/>) or 1 to 65535.
    /// Reports an error and returns null otherwise.
    /// </summary>
    public static int? Parse(ArgumentResult result, bool allowZero)
    {
        var text = OptionError.Token(result);
        var low = allowZero ? 0 : 1;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port >= low && port <= 65535)
        {
            return port;
        }

        var hint = allowZero ? "give a number from 0 to 65535 (0 picks a free one)" : "give a number from 1 to 65535";
        OptionError.Report<int>(result, $"{OptionError.Spelling(result)} '{text}' is not a port: {hint}");
        return null;
    }
}
