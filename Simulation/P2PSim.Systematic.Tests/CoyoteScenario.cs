namespace P2PSim.Systematic.Tests;

/// <summary>
/// One named Coyote exploration: what runs, and the race checking it runs with. The name is the folder of its trace
/// under <c>.coyote-traces/</c>, which is how <c>ci/replay.sh</c> finds the scenario to replay a trace against.
/// </summary>
internal sealed record CoyoteScenario(string Name, RaceChecking Races, Func<Task> Run);
