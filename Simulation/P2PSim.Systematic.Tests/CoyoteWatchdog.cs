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

    /// <summary>How long a stopped exploration may take to finish its current iteration before the host is ended.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs the engine on the calling thread (moving it to another thread changed what the scenarios with file I/O
    /// saw: the multi-source downloads reported false deadlocks), while a background thread watches the clock.
    /// Past the limit it stops the engine, which ends after the current iteration, and the test fails with the
    /// scenario's name; an iteration that never ends gets a grace period, then the test host is ended with the same
    /// message, which ci/test.sh counts as a failure, rather than hanging until the runner's hang timeout.
    /// </summary>
    public static void Run(TestingEngine engine, string scenario)
    {
        var limit = Limit;
        var message = $"Coyote exploration of '{scenario}' ran longer than its watchdog limit of {limit} " +
                      "(P2PSIM_COYOTE_WATCHDOG_SECONDS raises it): an iteration hangs outside Coyote's control, or the budget is too large.";
        using var finished = new ManualResetEventSlim();
        var expired = 0;
        var watchdog = new Thread(() =>
        {
            if (finished.Wait(limit))
            {
                return;
            }

            Volatile.Write(ref expired, 1);
            engine.Stop();
            if (!finished.Wait(Grace))
            {
                Console.Error.WriteLine(message);
                Environment.FailFast(message);
            }
        })
        {
            IsBackground = true,
            Name = "coyote-watchdog",
        };
        watchdog.Start();
        try
        {
            engine.Run();
        }
        finally
        {
            finished.Set();
        }

        if (Volatile.Read(ref expired) == 1)
        {
            Assert.Fail(message);
        }
    }
}
