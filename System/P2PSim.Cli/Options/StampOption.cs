using System.CommandLine;
using Microsoft.Extensions.Logging;
using P2PSim.Protocol;
using P2PSim.TimeService;

namespace P2PSim.Cli.Options;

/// <summary>
/// <c>--stamp none|service|local</c> with <c>--time-service URL</c>: where a peer's request timestamps come from.
/// Unset, it is <c>service</c> when <c>--time-service</c> is given and <c>none</c> otherwise, as before the option
/// existed.
/// </summary>
internal static class StampOption
{
    /// <summary>The time service <c>--stamp service</c> asks when no <c>--time-service</c> is given (spec §6).</summary>
    public static Uri DefaultTimeService { get; } = new("http://127.0.0.1:8000/");

    public static Option<StampMode?> Create()
    {
        var names = Enum.GetNames<StampMode>().Select(n => n.ToLowerInvariant()).ToArray();
        return new Option<StampMode?>("--stamp")
        {
            Description =
                "Timestamp sent in every directory request: none (part-1 requests), service (ask the time service, " +
                $"--time-service or {DefaultTimeService}), local (this machine's clock, DD/MM/YYYY HH:MM:SS, no time service). " +
                "Default: service with --time-service, none without.",
            HelpName = string.Join('|', names),
            CustomParser = result =>
            {
                var text = OptionError.Token(result);
                var match = Enum.GetNames<StampMode>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
                return match is not null
                    ? Enum.Parse<StampMode>(match)
                    : OptionError.Report<StampMode?>(result, $"{OptionError.Spelling(result)} '{text}' is not known: use one of {string.Join(", ", names)}");
            },
        };
    }

    /// <summary>
    /// The mode the two options give together; <see cref="UsageException"/> when they contradict each other
    /// (<c>--stamp none</c> or <c>--stamp local</c> with a <c>--time-service</c> that would never be asked).
    /// </summary>
    public static (StampMode Mode, Uri? TimeService) Resolve(ParseResult parse, Option<StampMode?> stamp, Option<Uri?> timeService)
    {
        var url = parse.GetValue(timeService);
        var mode = parse.GetValue(stamp) ?? (url is null ? StampMode.None : StampMode.Service);
        if (url is not null && mode != StampMode.Service)
        {
            throw new UsageException(
                $"--stamp {mode.ToString().ToLowerInvariant()} never asks a time service: drop --time-service, or use --stamp service");
        }

        return (mode, mode == StampMode.Service ? url ?? DefaultTimeService : null);
    }

    /// <summary>The local time in the wire format (spec §1), for <c>--stamp local</c>.</summary>
    public static Func<CancellationToken, ValueTask<string?>> Local(TimeProvider time) =>
        _ => ValueTask.FromResult<string?>(Timestamp.ToWire(time.GetLocalNow()));

    /// <summary>The timestamp function for the resolved mode; <paramref name="client"/> is the time service's client in service mode.</summary>
    public static Func<CancellationToken, ValueTask<string?>>? Source(StampMode mode, TimeServiceClient? client, ILoggerFactory loggers) => mode switch
    {
        StampMode.Service when client is not null => new TimestampSource(client, logger: loggers.CreateLogger<TimestampSource>()).GetAsync,
        StampMode.Local => Local(TimeProvider.System),
        _ => null,
    };
}
