namespace P2PSim.LoadGen.Suite;

/// <summary>
/// One run of a <see cref="StoreRound"/>: operations a second, latency (µs), this process's CPU µs per operation,
/// and for the durable store its fsyncs per operation (null on the memory store).
/// </summary>
internal sealed record StoreFigure(double PerSecond, double P50, double P99, double CpuMicrosPerOp, double? FsyncsPerOp);
