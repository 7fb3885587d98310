using HdrHistogram;

namespace P2PSim.LoadGen;

/// <summary>One row of the logging-impact table. <see cref="Sink"/> is null when logging is off.</summary>
internal sealed record ModeResult(LoggingMode Mode, LoadResult Load, SinkCounters? Sink)
{
    public double OperationsPerSecond => Load.Operations / Load.Window.TotalSeconds;

    public long PercentileMicros(double percentile) =>
        Load.Operations == 0 ? 0 : Load.Latency.GetValueAtPercentile(percentile);

    public long MaxMicros => Load.Operations == 0 ? 0 : Load.Latency.GetMaxValue();
}
