namespace P2PSim.LoadGen.Suite;

/// <summary>
/// One run of a <see cref="StoreRound"/>: operations a second, latency (µs), this process's CPU µs per operation
/// (clients and servers), for the durable store its fsyncs per operation, and for the Redis store the commands Redis
/// processed and the CPU µs redis-server used per operation (null on the other stores).
/// </summary>
internal sealed record StoreFigure(
    double PerSecond, double P50, double P99, double CpuMicrosPerOp, double? FsyncsPerOp,
    double? RedisCommandsPerOp = null, double? RedisCpuMicrosPerOp = null);
