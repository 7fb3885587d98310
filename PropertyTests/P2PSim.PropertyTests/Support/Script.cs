using System.Globalization;
using System.Text.RegularExpressions;
using P2PSim.PropertyTests.Generators;
using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Support;

/// <summary>
/// Regression cases written the way transcripts print them: <c>REGISTER a; CONNECT a 1; PUBLISH a x "two words"</c>,
/// <c>FIND_SOURCES b x</c>, <c>SEARCH b "some text" 10</c>.
/// A <c>[dt]</c> after the operation sends a timestamp; a field in double quotes may be empty or hold blanks;
/// <c>text*N</c> repeats text N times.
/// </summary>
internal static partial class Script
{
    public static IReadOnlyList<DirectoryCommand> Parse(string script) =>
        [.. script.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseCommand)];

    private static DirectoryCommand ParseCommand(string text)
    {
        var tokens = Token().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : Expand(m.Groups[2].Value)).ToList();
        if (!OperationInfo.TryParse(tokens[0], out var operation))
        {
            throw new FormatException($"Unknown operation in '{text}'.");
        }

        var stamped = tokens.Count > 1 && tokens[1] == "[dt]";
        var args = tokens.Skip(stamped ? 2 : 1).ToList();
        var expected = operation.ArgumentCount();
        if (args.Count != expected)
        {
            throw new FormatException($"'{text}': {operation.WireName()} takes {expected} fields.");
        }

        var command = new DirectoryCommand(operation, args[0], 1, "x", string.Empty, args[0], stamped);
        return operation switch
        {
            Operation.Connect => command with { Port = int.Parse(args[1], CultureInfo.InvariantCulture) },
            Operation.Publish => command with { FileName = args[1], Description = args[2] },
            Operation.Delete => command with { FileName = args[1] },
            Operation.ListContent => command with { RemoteUser = args[1] },
            Operation.FindSources => command with { FileName = args[1] },
            Operation.Search => command with { SearchText = args[1], MaxResults = int.Parse(args[2], CultureInfo.InvariantCulture) },
            _ => command,
        };
    }

    /// <summary><c>é*128</c> is "é" 128 times (256 UTF-8 bytes): names at the limits stay readable in a script.</summary>
    private static string Expand(string token)
    {
        var repeat = Repeat().Match(token);
        return repeat.Success
            ? string.Concat(Enumerable.Repeat(repeat.Groups[1].Value, int.Parse(repeat.Groups[2].Value, CultureInfo.InvariantCulture)))
            : token;
    }

    [GeneratedRegex(@"^(.+)\*(\d+)$")]
    private static partial Regex Repeat();

    [GeneratedRegex("\"([^\"]*)\"|(\\S+)")]
    private static partial Regex Token();
}
