using System.CommandLine;
using System.Globalization;

namespace P2PSim.Cli.Options;

/// <summary>Whole counts and durations, checked against their range when parsed.</summary>
internal static class NumberOption
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Count(string name, string description, int defaultValue, int min = 1, int max = int.MaxValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = OptionError.Token(result);
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            var range = max == int.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"a whole number of at least {min}")
                : string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}");
            return OptionError.Report<int>(result, $"{OptionError.Spelling(result)} '{text}' is out of range: give {range}");
        },
    };

    /// <summary>A duration in seconds, greater than zero, or zero too with <paramref name="allowZero"/> (fractions allowed).</summary>
    public static Option<double> Seconds(string name, string description, double defaultValue, bool allowZero = false) => new(name)
    {
        Description = description,
        HelpName = "SECONDS",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = OptionError.Token(result);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) &&
                double.IsFinite(value) && (value > 0 || (allowZero && value == 0)) && value <= TimeSpan.MaxValue.TotalSeconds / 2)
            {
                return value;
            }

            var least = allowZero ? "of 0 or more" : "greater than 0";
            return OptionError.Report<double>(
                result, $"{OptionError.Spelling(result)} '{text}' is not a duration: give a number of seconds {least}, e.g. 10 or 0.5");
        },
    };
}
