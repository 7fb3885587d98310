using System.Globalization;
using FsCheck;
using Microsoft.FSharp.Core;

namespace P2PSim.PropertyTests.Support;

/// <summary>
/// Budget and seed of every property. The seed is fixed so a run is reproducible; P2PSIM_PROPERTY_SEED replays
/// another one and P2PSIM_PROPERTY_CASES raises the number of in-memory sequences (the other budgets scale with it).
/// </summary>
internal static class PropertySettings
{
    public const ulong DefaultSeed = 20261124;
    public const int DefaultInMemoryCases = 200;
    public const int DefaultTcpCases = 30;
    public const int DefaultCodecCases = 500;
    public const int DefaultConcurrentCases = 100;
    public const int DefaultConcurrentTcpCases = 30;
    public const int DefaultPeerCases = 100;

    public static ulong Seed { get; } = ReadSeed();

    public static int InMemoryCases { get; } = Math.Max(DefaultInMemoryCases, ReadCases());

    public static int TcpCases { get; } = Math.Max(DefaultTcpCases, ReadCases() * DefaultTcpCases / DefaultInMemoryCases);

    public static int ConcurrentCases { get; } = Math.Max(DefaultConcurrentCases, ReadCases() * DefaultConcurrentCases / DefaultInMemoryCases);

    public static int ConcurrentTcpCases { get; } =
        Math.Max(DefaultConcurrentTcpCases, ReadCases() * DefaultConcurrentTcpCases / DefaultInMemoryCases);

    public static int PeerCases { get; } = Math.Max(DefaultPeerCases, ReadCases() * DefaultPeerCases / DefaultInMemoryCases);

    public static int CodecCases { get; } = Math.Max(DefaultCodecCases, ReadCases());

    /// <summary>A quiet, throwing configuration with the fixed seed and <paramref name="maxTest"/> cases.</summary>
    public static Config Config(int maxTest) =>
        FsCheck.Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed), FSharpOption<int>.None)));

    public static string Describe(int maxTest) =>
        $"seed {Seed} (P2PSIM_PROPERTY_SEED), {maxTest} cases (P2PSIM_PROPERTY_CASES)";

    private static int ReadCases() =>
        int.TryParse(Environment.GetEnvironmentVariable("P2PSIM_PROPERTY_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var cases)
            ? cases
            : 0;

    private static ulong ReadSeed() =>
        ulong.TryParse(Environment.GetEnvironmentVariable("P2PSIM_PROPERTY_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : DefaultSeed;
}
