using P2PSim.LoadGen.Engine;
using P2PSim.TestKit;

namespace P2PSim.LoadTests;

/// <summary>
/// The engine against scenarios without I/O. Timing assertions leave wide margins: the machine is shared, and the
/// properties checked (who waits, what is counted) do not depend on exact figures.
/// </summary>
public sealed class EngineTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Open_model_times_from_the_scheduled_start_so_a_stall_shows_in_every_arrival_behind_it()
    {
        // 100 arrivals/s with one worker; arrival 10 takes 300 ms. The ~30 arrivals due meanwhile start late and are
        // timed from when they were due: latencies of up to ~290 ms, not the microseconds they took to run.
        var scenario = FakeScenarios.StallOnce(10, TimeSpan.FromMilliseconds(300));
        var spec = FakeScenarios.Spec(scenario, TimeSpan.Zero, new InjectRate(100, 1.5 * Second, MaxConcurrency: 1));

        var result = await Bounded.WaitAsync(ScenarioRunner.RunAsync(spec, new RecordingObserver(), CancellationToken.None), Bounded.Default, "the scenario run");

        Assert.InRange(result.Total.Ok, 100, 150);
        Assert.True(result.Total.Latency.Max >= 250_000, $"max {result.Total.Latency.Max} µs");
        Assert.True(result.Total.Latency.P90 >= 50_000, $"p90 {result.Total.Latency.P90} µs: the queued arrivals were timed from their actual start");
    }

    [Fact]
    public async Task Closed_model_times_each_iteration_from_its_own_start()
    {
        // The same stall in the closed model delays the next iterations' starts but not their measured latency.
        var scenario = FakeScenarios.StallOnce(10, TimeSpan.FromMilliseconds(300));
        var spec = FakeScenarios.Spec(scenario, TimeSpan.Zero, new KeepConstantClients(1, Second)) with { MaxIterations = 150 };

        var result = await Bounded.WaitAsync(ScenarioRunner.RunAsync(spec, new RecordingObserver(), CancellationToken.None), Bounded.Default, "the scenario run");

        Assert.Equal(150, result.Total.Ok);
        Assert.True(result.Total.Latency.Max >= 250_000, $"max {result.Total.Latency.Max} µs");
        Assert.True(result.Total.Latency.P90 < 50_000, $"p90 {result.Total.Latency.P90} µs");
    }

    [Fact]
    public async Task Open_model_starts_the_scheduled_number_of_arrivals()
    {
        var spec = FakeScenarios.Spec(FakeScenarios.NoOp(), TimeSpan.Zero, new InjectRate(200, 2 * Second, MaxConcurrency: 8));

        var result = await Bounded.WaitAsync(ScenarioRunner.RunAsync(spec, new RecordingObserver(), CancellationToken.None), Bounded.Default, "the scenario run");

        Assert.Equal(400, result.Total.Ok + result.Missed);
        Assert.InRange(result.Total.Ok, 390, 400);
        Assert.InRange(result.Total.OkPerSecond, 150, 210);
    }

    [Fact]
    public async Task Ramping_arrival_rate_starts_the_area_under_the_rate_line()
    {
        var observer = new RecordingObserver();
        var spec = FakeScenarios.Spec(FakeScenarios.NoOp(), TimeSpan.Zero, new RampRate(0, 200, 2 * Second, MaxConcurrency: 8));

        var result = await Bounded.WaitAsync(ScenarioRunner.RunAsync(spec, observer, CancellationToken.None), Bounded.Default, "the scenario run");

        Assert.Equal(200, result.Total.Ok + result.Missed);
        Assert.InRange(result.Total.Ok, 190, 200);
        Assert.True(observer.Points[0].Level < observer.Points[^1].Level || observer.Points.Count == 1);
    }

    [Fact]
    public async Task Ramping_clients_then_holding_brings_in_every_client()
    {
        var seen = new bool[8];
        var scenario = new Scenario("clients", "marks each client", async (context, ct) =>
            await context.StepAsync("mark", async token =>
            {
                seen[context.ClientId] = true;
                await Task.Delay(5, token);
                return StepOutcome.Success();
            }, ct));
        var observer = new RecordingObserver();
        // Ramp, then hold, as load tests are written: the ramp reaches its last client only in its last moments
        // (level 7.5 at 2.79 s of 3), which a busy machine may not schedule before the phase ends; the hold phase
        // gives every client its turn without loosening what is checked.
        var spec = FakeScenarios.Spec(scenario, TimeSpan.Zero, new RampClients(1, 8, 3 * Second), new KeepConstantClients(8, 1 * Second));

        var result = await Bounded.WaitAsync(ScenarioRunner.RunAsync(spec, observer, CancellationToken.None), Bounded.Default, "the scenario run");

        Assert.All(seen, Assert.True);
        Assert.True(result.Total.Ok > 0);
        var levels = observer.Points.Select(p => p.Level).ToList();
        Assert.True(levels.Max() - levels.Min() >= 2, "the level rises over the run: " + string.Join(", ", observer.Points));
    }

    [Fact]
    public async Task Iteration_budget_bounds_the_run()
    {
        var spec = FakeScenarios.Spec(FakeScenarios.NoOp(), TimeSpan.Zero, new KeepConstantClients(4, 5 * Second)) with { MaxIterations = 50 };

        var started = DateTime.UtcNow;
        var result = await Bounded.WaitAsync(ScenarioRunner.RunAsync(spec, new RecordingObserver(), CancellationToken.None), Bounded.Default, "the scenario run");

        Assert.Equal(50, result.Total.Ok);
        Assert.True(DateTime.UtcNow - started < 4 * Second, "the run ended when the budget was spent, not at its duration");
    }

    [Fact]
    public async Task Warm_up_is_not_measured()
    {
        var spec = FakeScenarios.Spec(FakeScenarios.NoOp(), Second, new InjectRate(100, Second, MaxConcurrency: 4));

        var result = await Bounded.WaitAsync(ScenarioRunner.RunAsync(spec, new RecordingObserver(), CancellationToken.None), Bounded.Default, "the scenario run");

        Assert.InRange(result.Total.Ok, 95, 100);
    }

    [Fact]
    public async Task Failed_steps_are_counted_by_reason_and_kept_out_of_the_latency()
    {
        var scenario = new Scenario("flaky", "fails every other iteration", async (context, ct) =>
            await context.StepAsync("op", _ => context.Iteration % 2 == 0
                ? ValueTask.FromResult(StepOutcome.Success())
                : throw new IOException("refused"), ct));
        var spec = FakeScenarios.Spec(scenario, TimeSpan.Zero, new KeepConstantClients(1, Second)) with { MaxIterations = 100 };

        var result = await Bounded.WaitAsync(ScenarioRunner.RunAsync(spec, new RecordingObserver(), CancellationToken.None), Bounded.Default, "the scenario run");

        var step = Assert.Single(result.Steps);
        Assert.Equal(50, step.Ok);
        Assert.Equal(50, step.Failed);
        Assert.Equal(50, step.FailureReasons["IOException"]);
        Assert.Equal(50, step.Latency.Count);
        Assert.Equal(0.5, result.Total.ErrorRate, 6);
    }
}
