namespace P2PSim.LoadGen.Suite;

/// <summary>
/// One interleaved round of the classic mix on the in-memory store, on the durable store
/// (<c>DurableRegistryStore</c>: every change fsynced before its answer, group commit) and, when redis-server is
/// installed, on one server over the Redis store, back to back.
/// </summary>
internal sealed record StoreRound(int Round, StoreFigure Memory, StoreFigure Durable, StoreFigure? Redis = null)
{
    /// <summary>The goal of the durable store: at least this share of the memory store's throughput.</summary>
    public const double Goal = 0.7;

    /// <summary>The goal of the Redis store: at least this share of the memory store's throughput.</summary>
    public const double RedisGoal = 0.5;

    /// <summary>Durable ÷ memory ops/s (goal ≥ <see cref="Goal"/>).</summary>
    public double DurableVsMemory => Memory.PerSecond > 0 ? Durable.PerSecond / Memory.PerSecond : 0;

    /// <summary>Redis ÷ memory ops/s (goal ≥ <see cref="RedisGoal"/>); null when the round ran without Redis.</summary>
    public double? RedisVsMemory => Redis is { } r && Memory.PerSecond > 0 ? r.PerSecond / Memory.PerSecond : null;
}
