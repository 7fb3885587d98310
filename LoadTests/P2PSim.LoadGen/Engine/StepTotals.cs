using HdrHistogram;

namespace P2PSim.LoadGen.Engine;

/// <summary>A step's measured intervals added up.</summary>
internal sealed class StepTotals
{
    public LongHistogram Latency { get; } = new(StepRecorder.HighestTrackableMicros, StepRecorder.SignificantDigits);

    public long Ok { get; private set; }

    public long Failed { get; private set; }

    public long Bytes { get; private set; }

    public void Add(StepInterval interval)
    {
        Latency.Add(interval.Latency);
        Ok += interval.Ok;
        Failed += interval.Failed;
        Bytes += interval.Bytes;
    }

    public void Add(StepTotals other)
    {
        Latency.Add(other.Latency);
        Ok += other.Ok;
        Failed += other.Failed;
        Bytes += other.Bytes;
    }

    public StepResult ToResult(string name, double seconds, IReadOnlyDictionary<string, long> failureReasons) =>
        new(
            name,
            Ok,
            Failed,
            Bytes,
            seconds > 0 ? Ok / seconds : 0,
            seconds > 0 ? Bytes / seconds : 0,
            LatencySummary.Of(Latency),
            failureReasons);
}
