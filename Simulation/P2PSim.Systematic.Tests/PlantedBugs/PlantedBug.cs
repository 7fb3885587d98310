namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// A concurrency bug planted on purpose in a test-only variant of a product component, with the scenario that
/// exposes it. The same scenario runs under Coyote and on real threads, so the two hit rates compare like for like.
/// </summary>
/// <param name="Name">Folder name of its trace under <c>.coyote-traces/</c> and the key of its report row.</param>
/// <param name="Description">What is wrong, in one line.</param>
/// <param name="Races">The scheduling points Coyote needs to see the racy window.</param>
/// <param name="Bound">Coyote must find it within this many iterations (CI asserts it).</param>
/// <param name="Scenario">One execution; fails (assertion, exception or deadlock) when the bug shows.</param>
/// <param name="Symptom">Text the failure report must contain: a replay must hit the same failure.</param>
internal sealed record PlantedBug(
    string Name, string Description, RaceChecking Races, uint Bound, Func<Task> Scenario, string Symptom);
