using System.CommandLine.Parsing;

namespace P2PSim.Cli.Options;

/// <summary>
/// Errors the option parsers of P2PSim report. They already say what to do, so the top level prints them as they
/// are; the parser's own errors (an unknown option, a missing value) get a pointer to the command's help instead.
/// </summary>
internal static class OptionError
{
    private static readonly HashSet<string> Ours = [];

    /// <summary>Records <paramref name="message"/> against the token being parsed; returns default for the parser to return.</summary>
    public static T? Report<T>(ArgumentResult result, string message)
    {
        lock (Ours)
        {
            Ours.Add(message);
        }

        result.AddError(message);
        return default;
    }

    /// <summary>True for a message one of P2PSim's parsers wrote.</summary>
    public static bool IsOurs(string message)
    {
        lock (Ours)
        {
            return Ours.Contains(message);
        }
    }

    /// <summary>How the user spelled the option being parsed (its alias), for messages: <c>--port</c>, <c>-p</c>.</summary>
    public static string Spelling(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.IdentifierToken?.Value ?? option.Option.Name : result.Argument.Name.ToUpperInvariant();

    /// <summary>The single token of an option that takes one value.</summary>
    public static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
}
