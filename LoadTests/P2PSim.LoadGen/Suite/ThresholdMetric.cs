namespace P2PSim.LoadGen.Suite;

/// <summary>What a threshold checks.</summary>
internal enum ThresholdMetric
{
    P50,
    P75,
    P90,
    P95,
    P99,
    Max,

    /// <summary>Failed / all steps, as a fraction.</summary>
    ErrorRate,

    /// <summary>OK steps per second, a lower bound.</summary>
    Throughput,

    /// <summary>The headline classic-mix / bare-ceiling ratio, a lower bound (scope ignored).</summary>
    CeilingRatio,

    /// <summary>The headline durable-store / memory-store ratio of the store rounds, a lower bound (scope ignored).</summary>
    StoreRatio,

    /// <summary>The headline Redis-store / memory-store ratio of the store rounds, a lower bound (scope ignored).</summary>
    RedisRatio,
}
