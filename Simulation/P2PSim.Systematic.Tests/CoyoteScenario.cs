using Microsoft.Coyote;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// One named Coyote exploration: what runs, the race checking it runs with, and any further settings (step bounds,
/// the liveness threshold, another exploration strategy) that exploration and replay must share. The name is the folder of its trace under
/// <c>.coyote-traces/</c>, which is how <c>ci/replay.sh</c> finds the scenario to replay a trace against.
/// </summary>
internal sealed record CoyoteScenario(
    string Name, RaceChecking Races, Func<Task> Run, Func<Configuration, Configuration>? Settings = null)
{
    public Configuration Configure(Configuration configuration) => Settings?.Invoke(configuration) ?? configuration;
}
