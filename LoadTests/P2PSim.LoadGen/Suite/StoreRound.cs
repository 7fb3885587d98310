namespace P2PSim.LoadGen.Suite;

/// <summary>
/// One interleaved round of the classic mix on the in-memory store and on the durable store
/// (<c>DurableRegistryStore</c>: every change fsynced before its answer, group commit), back to back.
/// </summary>
internal sealed record StoreRound(int Round, StoreFigure Memory, StoreFigure Durable)
{
    /// <summary>The goal of the durable store: at least this share of the memory store's throughput.</summary>
    public const double Goal = 0.7;

    /// <summary>Durable ÷ memory ops/s (goal ≥ <see cref="Goal"/>).</summary>
    public double DurableVsMemory => Memory.PerSecond > 0 ? Durable.PerSecond / Memory.PerSecond : 0;
}
