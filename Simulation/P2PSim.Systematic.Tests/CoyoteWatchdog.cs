using Microsoft.Coyote.Rewriting;
using Microsoft.Coyote.SystematicTesting;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// Bounds a whole Coyote exploration in wall time: an exploration that runs past the limit (an iteration stuck
/// outside Coyote's control, a budget far too large for the machine) fails its test with a message naming the
/// scenario, instead of hanging the test host, which reports nothing. Not rewritten: it runs the engine from
/// outside, on real threads.
/// </summary>
[SkipRewriting("runs the testing engine from outside it, on real threads")]
internal static class CoyoteWatchdog
{
    /// <summary>Five minutes unless <c>P2PSIM_COYOTE_WATCHDOG_SECONDS</c> says otherwise.</summary>
    public static TimeSpan Limit =>
        int.TryParse(Environment.GetEnvironmentVariable("P2PSIM_COYOTE_WATCHDOG_SECONDS"), out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(5);

    public static void Run(TestingEngine engine, string scenario)
    {
        var limit = Limit;
        var run = Task.Factory.StartNew(engine.Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(limit))
        {
            engine.Stop(); // ends the exploration after the current iteration, if that one ever ends
            Assert.Fail($"Coyote exploration of '{scenario}' ran longer than its watchdog limit of {limit} " +
                        "(P2PSIM_COYOTE_WATCHDOG_SECONDS raises it): an iteration hangs outside Coyote's control, or the budget is too large.");
        }

        run.GetAwaiter().GetResult();
    }
}
