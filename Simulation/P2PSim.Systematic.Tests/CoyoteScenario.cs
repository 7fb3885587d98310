using Microsoft.Coyote;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// One named Coyote exploration: what runs, the race checking it runs with and, for a scenario that needs another
/// exploration strategy than Coyote's default (uniform random choice at every point), the configuration change that
/// selects it (a replay follows its trace whatever the strategy). The name is the folder of its trace under
/// <c>.coyote-traces/</c>, which is how <c>ci/replay.sh</c> finds the scenario to replay a trace against.
/// </summary>
internal sealed record CoyoteScenario(string Name, RaceChecking Races, Func<Task> Run, Func<Configuration, Configuration>? Strategy = null);
