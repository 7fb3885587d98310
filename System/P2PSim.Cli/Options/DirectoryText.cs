using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text;

namespace P2PSim.Cli.Options;

/// <summary>
/// Names and texts sent to the directory, checked against its rules (docs/protocol.md §2.2, extensions §1) before
/// anything is sent, so a bad one gets a clear message instead of the server's bare code 3.
/// </summary>
internal static class DirectoryText
{
    /// <summary>The longest user name, file name or search text, in UTF-8 bytes.</summary>
    public const int MaxBytes = 256;

    /// <summary>A user or file name: 1 to 256 bytes, no blanks or control characters.</summary>
    public static string? ParseName(ArgumentResult result, string what)
    {
        var text = OptionError.Token(result);
        var problem = text.Length == 0 ? "it is empty"
            : text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "it holds a blank or control character"
            : Encoding.UTF8.GetByteCount(text) > MaxBytes ? $"it is longer than {MaxBytes} bytes"
            : !IsWellFormed(text) ? "it is not valid Unicode"
            : null;
        return problem is null
            ? text
            : OptionError.Report<string>(result, $"{OptionError.Spelling(result)} '{text}' is not a {what} the directory accepts ({problem}): names are 1 to {MaxBytes} bytes without blanks");
    }

    /// <summary><c>--as NAME</c>: who a one-off command asks the directory as.</summary>
    public static Option<string> AsUser(string defaultName, string description) => new("--as")
    {
        Description = description,
        HelpName = "NAME",
        DefaultValueFactory = _ => defaultName,
        CustomParser = result => ParseName(result, "user name"),
    };

    /// <summary>Search text: 1 to 256 bytes, blanks allowed, no control characters.</summary>
    public static string? CheckSearchText(string text) =>
        text.Length == 0 ? "the search text is empty: give a word to look for"
        : text.Any(char.IsControl) ? "the search text holds a control character: give plain text"
        : Encoding.UTF8.GetByteCount(text) > MaxBytes ? $"the search text is longer than {MaxBytes} bytes: shorten it"
        : !IsWellFormed(text) ? "the search text is not valid Unicode: give plain text"
        : null;

    private static bool IsWellFormed(string text)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(text);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
