namespace P2PSim.LoadGen.Engine;

/// <summary>One sampling interval of a run, all steps together. Latencies in µs; Level is clients or arrivals/s.</summary>
internal sealed record TimelinePoint(double Seconds, double Level, double OkPerSecond, double FailedPerSecond, long P50, long P99, long Max);
