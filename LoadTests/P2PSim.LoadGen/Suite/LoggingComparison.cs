namespace P2PSim.LoadGen.Suite;

/// <summary>The classic mix under one logging mode: throughput, p99 (µs) and both as ratios to logging off.</summary>
internal sealed record LoggingComparison(string Mode, double OkPerSecond, long P99, double ErrorRate, double? ThroughputVsOff, double? P99VsOff, SinkCounters? Sink);
