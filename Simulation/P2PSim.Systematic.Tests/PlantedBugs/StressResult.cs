namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>What a stress run saw: trials run, trials that showed the bug, trials that hung, time taken.</summary>
internal sealed record StressResult(long Trials, long Hits, long Timeouts, TimeSpan Elapsed, string? FirstFailure)
{
    public double HitRate => Trials == 0 ? 0 : (double)Hits / Trials;
}
