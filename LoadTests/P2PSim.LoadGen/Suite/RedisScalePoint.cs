namespace P2PSim.LoadGen.Suite;

/// <summary>
/// The classic mix with its clients spread over <paramref name="Servers"/> in-process directory servers sharing one
/// Redis registry. On one machine the servers share its cores, so this shows what sharing costs, not what more
/// machines add (docs/registry-stores.md §8 projects that from the Redis CPU per operation).
/// </summary>
internal sealed record RedisScalePoint(int Servers, StoreFigure Figure)
{
    /// <summary>
    /// The throughput at which one Redis core would be busy all the time: single-threaded Redis caps the whole
    /// directory there however many servers share it. Null without a CPU figure.
    /// </summary>
    public double? RedisBoundPerSecond => Figure.RedisCpuMicrosPerOp is { } us && us > 0 ? 1e6 / us : null;
}
