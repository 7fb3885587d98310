using System.CommandLine;

namespace P2PSim.Cli.Options;

/// <summary>
/// An option with an earlier name kept as a hidden alias, so old scripts keep working while the help shows only
/// the current name: <c>--operation-log</c> (earlier <c>--log-rpc</c>). Giving both is refused.
/// </summary>
internal sealed class EarlierSpelling<T>
{
    public EarlierSpelling(Option<T> current, string earlierName)
    {
        Current = current;
        Earlier = new Option<T>(earlierName)
        {
            Description = $"Earlier name of {current.Name}.",
            HelpName = current.HelpName,
            CustomParser = current.CustomParser,
            Hidden = true,
        };
    }

    public Option<T> Current { get; }

    public Option<T> Earlier { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Current);
        command.Options.Add(Earlier);
    }

    /// <summary>The value under either name (the current one's default when neither is given).</summary>
    /// <exception cref="UsageException">Both names are given.</exception>
    public T? GetValue(ParseResult parse)
    {
        if (parse.GetResult(Earlier) is not { Implicit: false })
        {
            return parse.GetValue(Current);
        }

        return parse.GetResult(Current) is { Implicit: false }
            ? throw new UsageException($"{Earlier.Name} is the earlier name of {Current.Name}: give only {Current.Name}")
            : parse.GetValue(Earlier);
    }
}
