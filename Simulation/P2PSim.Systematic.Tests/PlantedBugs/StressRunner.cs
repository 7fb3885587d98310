using System.Diagnostics;

namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// The baseline Coyote is measured against: the same scenario run again and again on real thread-pool threads,
/// no Coyote scheduling (outside a test engine the rewritten calls go straight to the BCL), for a fixed wall time.
/// A trial hits when it fails; a trial still running after <see cref="TrialTimeout"/> counts as a hit only for a
/// bug whose symptom is a hang.
/// </summary>
internal static class StressRunner
{
    public static readonly TimeSpan TrialTimeout = TimeSpan.FromMilliseconds(250);

    public static StressResult Run(PlantedBug bug, TimeSpan budget)
    {
        var hangIsTheBug = bug.Symptom == LostWakeup.Bug.Symptom;
        var clock = Stopwatch.StartNew();
        long trials = 0, hits = 0, timeouts = 0;
        string? firstFailure = null;

        // Bounded by the budget and by a trial count, whichever comes first.
        while (clock.Elapsed < budget && trials < 1_000_000)
        {
            trials++;
            var trial = Task.Run(bug.Scenario);
            bool finished;
            try
            {
                finished = trial.Wait(TrialTimeout);
            }
            catch (AggregateException e)
            {
                hits++;
                firstFailure ??= e.InnerException?.Message;
                continue;
            }

            if (!finished)
            {
                timeouts++;
                if (hangIsTheBug)
                {
                    hits++;
                    firstFailure ??= $"no progress within {TrialTimeout.TotalMilliseconds} ms";
                }
            }
        }

        return new StressResult(trials, hits, timeouts, clock.Elapsed, firstFailure);
    }
}
