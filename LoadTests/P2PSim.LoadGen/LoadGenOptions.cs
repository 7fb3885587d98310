using System.Globalization;

namespace P2PSim.LoadGen;

/// <summary>Command-line settings shared by the benchmarks.</summary>
internal sealed record LoadGenOptions
{
    /// <summary>Upper bound on any duration given on the command line.</summary>
    public const int MaxSeconds = 3600;

    /// <summary>Upper bound on <see cref="Clients"/>.</summary>
    public const int MaxClients = 512;

    public const string Usage = """
        usage: p2psim-loadgen logging [--seconds N] [--warmup N] [--clients N] [--out DIR] [--enforce]

          logging      closed-loop REGISTER/CONNECT/PUBLISH/LIST_USERS load on 127.0.0.1 against a fresh in-process
                       directory server per mode: logging off, log service up, down, stalled.
          --seconds N  measured seconds per mode (default 10)
          --warmup N   warm-up seconds per mode, not measured (default 2)
          --clients N  concurrent closed-loop clients (default 16)
          --out DIR    where the Markdown table and CSV go (default artifacts/load/)
          --enforce    exit 1 when p99(down) or p99(stalled) exceeds 1.1 x p99(off)
        """;

    /// <summary>Concurrent closed-loop clients.</summary>
    public int Clients { get; init; } = 16;

    /// <summary>Measured time per mode.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured time per mode before <see cref="Duration"/>.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Directory for the report files.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "load");

    /// <summary>Whether a FAIL verdict makes the exit code 1.</summary>
    public bool Enforce { get; init; }

    /// <summary>Parses the options that follow the benchmark name.</summary>
    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static LoadGenOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadGenOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--seconds":
                    options = options with { Duration = TimeSpan.FromSeconds(ReadInt(args, ref i, 1, MaxSeconds)) };
                    break;
                case "--warmup":
                    options = options with { WarmUp = TimeSpan.FromSeconds(ReadInt(args, ref i, 0, MaxSeconds)) };
                    break;
                case "--clients":
                    options = options with { Clients = ReadInt(args, ref i, 1, MaxClients) };
                    break;
                case "--out":
                    options = options with { OutputDirectory = ReadValue(args, ref i) };
                    break;
                case "--enforce":
                    options = options with { Enforce = true };
                    break;
                default:
                    throw new ArgumentException($"unknown option '{arg}'");
            }
        }

        return options;
    }

    private static string ReadValue(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        if (++i >= args.Count || string.IsNullOrWhiteSpace(args[i]))
        {
            throw new ArgumentException($"{name} needs a value");
        }

        return args[i];
    }

    private static int ReadInt(IReadOnlyList<string> args, ref int i, int min, int max)
    {
        var name = args[i];
        var text = ReadValue(args, ref i);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"{name} takes a whole number from {min} to {max}, not '{text}'");
        }

        return value;
    }
}
