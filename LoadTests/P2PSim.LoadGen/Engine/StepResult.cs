namespace P2PSim.LoadGen.Engine;

/// <summary>One step over a run's measured window (or all steps together, named <c>all</c>).</summary>
internal sealed record StepResult(
    string Name,
    long Ok,
    long Failed,
    long Bytes,
    double OkPerSecond,
    double BytesPerSecond,
    LatencySummary Latency,
    IReadOnlyDictionary<string, long> FailureReasons)
{
    /// <summary>Failed / (OK + failed), 0 when nothing ran.</summary>
    public double ErrorRate => Ok + Failed == 0 ? 0 : (double)Failed / (Ok + Failed);
}
