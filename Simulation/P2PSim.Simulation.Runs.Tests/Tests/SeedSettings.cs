using System.Globalization;

namespace P2PSim.Simulation.Runs.Tests.Tests;

/// <summary>Seeds chosen from the environment: P2PSIM_SIM_SEED (one), P2PSIM_SIM_SEEDS / P2PSIM_SIM_FIRST_SEED (a sweep).</summary>
internal static class SeedSettings
{
    public static int? Single => Read("P2PSIM_SIM_SEED");

    public static int SweepCount => Read("P2PSIM_SIM_SEEDS") ?? 100;

    public static int SweepFirst => Read("P2PSIM_SIM_FIRST_SEED") ?? 1;

    /// <summary>P2PSIM_SIM_REPLAY=1: the sweep runs every seed twice and compares the trace hashes.</summary>
    public static bool ReplayEach => Environment.GetEnvironmentVariable("P2PSIM_SIM_REPLAY") == "1";

    private static int? Read(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
