using System.CommandLine;

namespace P2PSim.Cli.Options;

/// <summary>An option naming one of an enum's values, in any case; numbers and unknown names are refused with the list.</summary>
internal static class EnumOption
{
    public static Option<T> Create<T>(string name, string description, T defaultValue, bool lowerCase)
        where T : struct, Enum
    {
        var names = Enum.GetNames<T>().Select(n => lowerCase ? n.ToLowerInvariant() : n).ToArray();
        return new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join('|', names),
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = OptionError.Token(result);
                var match = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
                return match is not null
                    ? Enum.Parse<T>(match)
                    : OptionError.Report<T>(result, $"{OptionError.Spelling(result)} '{text}' is not known: use one of {string.Join(", ", names)}");
            },
        };
    }
}
