using System.Globalization;

namespace P2PSim.Protocol;

/// <summary>
/// The optional request timestamp of classic "part 2" clients (spec §1). P2PSim writes <c>DD/MM/YYYY HH:MM:SS</c>;
/// a server also accepts the other date-time shapes classic time services return (docs/protocol.md §2.4). It is
/// told apart from a user name by its shape: every shape contains a blank, and user names never do.
/// </summary>
public static class Timestamp
{
    /// <summary>The format string, for formatting and exact parsing.</summary>
    public const string Format = "dd/MM/yyyy HH:mm:ss";

    /// <summary>Length in bytes of a timestamp, in every accepted shape.</summary>
    public const int Length = 19;

    private const int DateLength = 10;
    private const int TimeLength = 8;

    /// <summary>
    /// True when <paramref name="field"/> has exactly P2PSim's own shape, <c>DD/MM/YYYY HH:MM:SS</c>: what its
    /// clients send and accept from a time service, the one shape every classic server reads.
    /// </summary>
    public static bool IsTimestamp(string field) =>
        field is { Length: Length } && field[DateLength] == ' ' &&
        IsDayFirstDate(field.AsSpan(0, DateLength), '/') && IsTime(field.AsSpan(DateLength + 1));

    /// <summary>
    /// True when <paramref name="field"/> is a timestamp in any shape classic clients send: a date
    /// (<c>DD/MM/YYYY</c> or <c>YYYY/MM/DD</c>, with <c>/</c> or <c>-</c> between its parts) and a time
    /// (<c>HH:MM:SS</c>), in either order, separated by one blank. Only the shape is checked, not the values
    /// (docs/protocol.md §2.4): the string is only logged, and an odd client clock must not make requests fail.
    /// </summary>
    public static bool IsRequestTimestamp(string field)
    {
        if (field.Length != Length)
        {
            return false;
        }

        var text = field.AsSpan();
        if (text[DateLength] == ' ')
        {
            return IsDate(text[..DateLength]) && IsTime(text[(DateLength + 1)..]);
        }

        return text[TimeLength] == ' ' && IsTime(text[..TimeLength]) && IsDate(text[(TimeLength + 1)..]);
    }

    /// <summary>Formats a time the way classic clients and the time service do.</summary>
    public static string ToWire(DateTimeOffset time) => time.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary><c>DD?MM?YYYY</c> or <c>YYYY?MM?DD</c>, one separator (<c>/</c> or <c>-</c>) used twice.</summary>
    private static bool IsDate(ReadOnlySpan<char> date) =>
        IsDayFirstDate(date, '/') || IsDayFirstDate(date, '-') || IsYearFirstDate(date, '/') || IsYearFirstDate(date, '-');

    private static bool IsDayFirstDate(ReadOnlySpan<char> date, char separator) =>
        Digits(date[..2]) && date[2] == separator && Digits(date[3..5]) && date[5] == separator && Digits(date[6..]);

    private static bool IsYearFirstDate(ReadOnlySpan<char> date, char separator) =>
        Digits(date[..4]) && date[4] == separator && Digits(date[5..7]) && date[7] == separator && Digits(date[8..]);

    private static bool IsTime(ReadOnlySpan<char> time) =>
        Digits(time[..2]) && time[2] == ':' && Digits(time[3..5]) && time[5] == ':' && Digits(time[6..]);

    /// <summary>ASCII digits only: <see cref="char.IsDigit(char)"/> would let other scripts' digits in.</summary>
    private static bool Digits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
