using P2PSim.LoadGen.Engine;

namespace P2PSim.LoadTests;

/// <summary>Scenarios with no I/O, for testing the engine's timing and counting alone.</summary>
internal static class FakeScenarios
{
    public static Scenario NoOp(string name = "noop") => new(
        name, "does nothing", async (context, ct) => await context.StepAsync("noop", _ => ValueTask.FromResult(StepOutcome.Success()), ct));

    /// <summary>Iteration <paramref name="stallAt"/> (counted over the whole run) takes <paramref name="stall"/>; the rest are instant.</summary>
    public static Scenario StallOnce(long stallAt, TimeSpan stall)
    {
        long started = 0;
        return new Scenario("stall-once", "one slow iteration", async (context, ct) =>
            await context.StepAsync("op", async token =>
            {
                if (Interlocked.Increment(ref started) - 1 == stallAt)
                {
                    await Task.Delay(stall, token);
                }

                return StepOutcome.Success();
            }, ct));
    }

    public static RunSpec Spec(Scenario scenario, TimeSpan warmUp, params LoadSimulation[] simulations) =>
        new("test/" + scenario.Name, "test", scenario, simulations, warmUp);
}
