using System.Globalization;
using System.Net;

namespace P2PSim.LoadGen.Suite;

/// <summary>Settings of <c>p2psim-loadgen suite</c>.</summary>
internal sealed record SuiteOptions
{
    public const string Usage = """
        usage: p2psim-loadgen suite [--mode smoke|full] [--out DIR] [--target 127.0.0.1:PORT] [--threshold EXPR]...
                                    [--no-default-thresholds] [--plain]
                                    [--sessions-only] [--session-rounds N] [--session-seconds S]
                                    [--stores-only] [--store-rounds N] [--store-seconds S]
                                    [--restart-users N] [--restart-files N]

          --mode M        smoke (under a minute) or full (sweeps, every logging mode; about ten minutes). Default smoke.
          --out DIR       report folder (default artifacts/load/<UTC time>-<mode>)
          --target H:P    load an external directory server (loopback only) instead of in-process ones; logging
                          modes are then skipped (the server's sink is not ours to set)
          --threshold T   pass/fail rule, repeatable: [scope:]p50|p75|p90|p95|p99|max<N[us|ms|s], [scope:]errors<N%,
                          [scope:]throughput>N, ratio>F (classic mix / bare ceiling), store-ratio>F (durable / memory
                          store), redis-ratio>F (Redis / memory store). Scope: run name with * wildcards.
          --no-default-thresholds   drop the default rules (errors < 1 % on every run outside the sweeps)
          --plain         plain progress lines even on a terminal
          --sessions-only the session rounds alone (each beside its bare ceilings and the classic mix), after the
                          priming: a quick look at the session ratios without the rest of the suite
          --session-rounds N   session rounds (default: 1 in smoke mode, 3 in full mode)
          --session-seconds S  measured seconds of each run of a session round (default: 0.5 smoke, 4 full)
          --stores-only   the store rounds alone (the classic mix on the memory store, a durable store and, with
                          redis-server installed, a Redis store; then 1, 2 and 4 servers sharing that Redis), after
                          the priming, and the restart measurement when it is on
          --store-rounds N     store rounds (default: 1 in smoke mode, 3 in full mode)
          --store-seconds S    measured seconds of each run of a store round (default: 0.5 smoke, 4 full)
          --restart-users N    restart measurement: a durable store filled with N connected users, reopened from its
                               journal and from its snapshot, timed (default: 100000 in full mode, off in smoke
                               mode; 0 turns it off)
          --restart-files N    files the restart measurement's users publish in all (default: 10 per user)
        Exit codes: 0 all thresholds passed, 1 a threshold failed, 2 usage error, 130 cancelled.
        """;

    public static readonly IReadOnlyList<string> DefaultThresholds =
    [
        "ceiling/*:errors<1%",
        "ratio/*:errors<1%",
        "closed/*:errors<1%",
        "sessions/*:errors<1%",
        "session-ratio/*:errors<1%",
        "store-ratio/*:errors<1%",
        "store-scale/*:errors<1%",
        "ramp/*:errors<1%",
        "read-heavy/*:errors<1%",
        "transfer/*:errors<1%",
        "logging/*:errors<1%",
    ];

    public SuiteMode Mode { get; init; } = SuiteMode.Smoke;

    public string? OutputDirectory { get; init; }

    public IPEndPoint? Target { get; init; }

    public IReadOnlyList<Threshold> Thresholds { get; init; } = [.. DefaultThresholds.Select(t => Threshold.Parse(t) with { Required = false })];

    public bool Plain { get; init; }

    /// <summary>Only the priming and the session rounds.</summary>
    public bool SessionsOnly { get; init; }

    /// <summary>Overrides the mode's number of session rounds.</summary>
    public int? SessionRounds { get; init; }

    /// <summary>Overrides the mode's measured time of each run in a session round.</summary>
    public TimeSpan? SessionRound { get; init; }

    /// <summary>Only the priming, the store rounds and the restart measurement (when on).</summary>
    public bool StoresOnly { get; init; }

    /// <summary>Overrides the mode's number of store rounds.</summary>
    public int? StoreRounds { get; init; }

    /// <summary>Overrides the mode's measured time of each run in a store round.</summary>
    public TimeSpan? StoreRound { get; init; }

    /// <summary>Overrides the mode's users of the restart measurement (0: none).</summary>
    public int? RestartUsers { get; init; }

    /// <summary>Overrides the restart measurement's files (default 10 per user).</summary>
    public int? RestartFiles { get; init; }

    public string ResolveOutputDirectory(DateTimeOffset startedUtc) =>
        OutputDirectory ?? Path.Combine("artifacts", "load", $"{startedUtc:yyyyMMdd-HHmmss}-{Mode.ToString().ToLowerInvariant()}");

    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static SuiteOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SuiteOptions();
        var extra = new List<Threshold>();
        var defaults = true;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--mode":
                    options = options with
                    {
                        Mode = Value(args, ref i) switch
                        {
                            "smoke" => SuiteMode.Smoke,
                            "full" => SuiteMode.Full,
                            var m => throw new ArgumentException($"--mode takes smoke or full, not '{m}'"),
                        },
                    };
                    break;
                case "--full":
                    options = options with { Mode = SuiteMode.Full };
                    break;
                case "--out":
                    options = options with { OutputDirectory = Value(args, ref i) };
                    break;
                case "--target":
                    options = options with { Target = ParseTarget(Value(args, ref i)) };
                    break;
                case "--threshold":
                    extra.Add(Threshold.Parse(Value(args, ref i)));
                    break;
                case "--no-default-thresholds":
                    defaults = false;
                    break;
                case "--plain":
                    options = options with { Plain = true };
                    break;
                case "--sessions-only":
                    options = options with { SessionsOnly = true };
                    break;
                case "--session-rounds":
                    options = options with { SessionRounds = WholeNumber("--session-rounds", Value(args, ref i), 1, 20) };
                    break;
                case "--session-seconds":
                    options = options with { SessionRound = TimeSpan.FromSeconds(WholeNumber("--session-seconds", Value(args, ref i), 1, 60)) };
                    break;
                case "--stores-only":
                    options = options with { StoresOnly = true };
                    break;
                case "--store-rounds":
                    options = options with { StoreRounds = WholeNumber("--store-rounds", Value(args, ref i), 1, 20) };
                    break;
                case "--store-seconds":
                    options = options with { StoreRound = TimeSpan.FromSeconds(WholeNumber("--store-seconds", Value(args, ref i), 1, 60)) };
                    break;
                case "--restart-users":
                    options = options with { RestartUsers = WholeNumber("--restart-users", Value(args, ref i), 0, 10_000_000) };
                    break;
                case "--restart-files":
                    options = options with { RestartFiles = WholeNumber("--restart-files", Value(args, ref i), 0, 100_000_000) };
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        return options with { Thresholds = [.. (defaults ? options.Thresholds : []), .. extra] };
    }

    /// <summary>HOST:PORT on the loopback range only: a load test never targets another machine.</summary>
    public static IPEndPoint ParseTarget(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new ArgumentException($"--target takes HOST:PORT, not '{text}'");
        }

        var host = text[..colon];
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (address is null || !IPAddress.IsLoopback(address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"--target must be an IPv4 loopback address (127.x.x.x), not '{host}'");
        }

        return new IPEndPoint(address, port);
    }

    private static int WholeNumber(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} takes a whole number from {min} to {max}, not '{text}'");

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        if (++i >= args.Count || string.IsNullOrWhiteSpace(args[i]))
        {
            throw new ArgumentException($"{name} needs a value");
        }

        return args[i];
    }
}
