using P2PSim.Simulation.Runtime;

namespace P2PSim.Simulation.Runs.Tests.Runs;

/// <summary>The faults a run went through, counted from its trace.</summary>
internal sealed record FaultCounts(long Partitions, long Crashes, long Resets, long Refusals)
{
    public static readonly FaultCounts None = new(0, 0, 0, 0);

    /// <param name="trace">The run's trace.</param>
    /// <param name="stops">Crash events that were the orderly stop at the end, not faults.</param>
    public static FaultCounts From(SimTrace trace, int stops) =>
        new(trace.CountOf("partition"), Math.Max(0, trace.CountOf("crash") - stops), trace.CountOf("reset"), trace.CountOf("refused"));

    public static FaultCounts operator +(FaultCounts a, FaultCounts b) =>
        new(a.Partitions + b.Partitions, a.Crashes + b.Crashes, a.Resets + b.Resets, a.Refusals + b.Refusals);

    public override string ToString() =>
        $"{Partitions} partitions, {Crashes} host crashes, {Resets} connection resets, {Refusals} refused connects";
}
