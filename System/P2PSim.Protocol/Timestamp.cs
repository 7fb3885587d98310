using System.Globalization;

namespace P2PSim.Protocol;

/// <summary>
/// The optional request timestamp of classic "part 2" clients: <c>DD/MM/YYYY HH:MM:SS</c> (spec §1). It is told
/// apart from a user name by its format, since user names contain no blanks.
/// </summary>
public static class Timestamp
{
    /// <summary>The format string, for formatting and exact parsing.</summary>
    public const string Format = "dd/MM/yyyy HH:mm:ss";

    /// <summary>Length in bytes of a timestamp.</summary>
    public const int Length = 19;

    /// <summary>True when <paramref name="field"/> has the shape <c>DD/MM/YYYY HH:MM:SS</c>.</summary>
    public static bool IsTimestamp(string field)
    {
        if (field.Length != Length)
        {
            return false;
        }

        for (var i = 0; i < Length; i++)
        {
            var ok = i switch
            {
                2 or 5 => field[i] == '/',
                10 => field[i] == ' ',
                13 or 16 => field[i] == ':',
                _ => char.IsAsciiDigit(field[i]),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Formats a time the way classic clients and the time service do.</summary>
    public static string ToWire(DateTimeOffset time) => time.ToString(Format, CultureInfo.InvariantCulture);
}
