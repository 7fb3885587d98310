namespace P2PSim.LoadGen.Suite;

/// <summary>
/// One interleaved round: the bare ceiling and the classic mix (both clients) measured back to back: ops/s, and
/// this process's CPU µs per operation (clients and servers together), which other work on the machine barely moves.
/// </summary>
internal sealed record RatioRound(
    int Round,
    double BareOneShotPerSecond,
    double ClassicPerSecond,
    double ClassicRawPerSecond,
    double BareCpuMicrosPerOp,
    double ClassicCpuMicrosPerOp,
    double ClassicRawCpuMicrosPerOp)
{
    public double ClassicVsCeiling => BareOneShotPerSecond > 0 ? ClassicPerSecond / BareOneShotPerSecond : 0;

    public double ClassicRawVsCeiling => BareOneShotPerSecond > 0 ? ClassicRawPerSecond / BareOneShotPerSecond : 0;

    /// <summary>CPU per operation of the ceiling / of the classic mix: the throughput ratio a CPU-bound machine would give.</summary>
    public double ClassicCpuEfficiency => ClassicCpuMicrosPerOp > 0 ? BareCpuMicrosPerOp / ClassicCpuMicrosPerOp : 0;
}
