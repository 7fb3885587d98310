namespace P2PSim.LoadGen.Suite;

/// <summary>What the store part of the suite measured: the interleaved rounds, the Redis scale-out, the restart time.</summary>
internal sealed record StoreResults(IReadOnlyList<StoreRound> Rounds, IReadOnlyList<RedisScalePoint> RedisScale, RestartMeasurement? Restart);
