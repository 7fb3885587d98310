using HdrHistogram;

namespace P2PSim.LoadGen;

/// <summary>
/// What one closed-loop run measured: latencies (µs) of the operations that got a reply and started inside the
/// measured window, how many did, and how many failed (unavailable, timed out, malformed reply).
/// </summary>
internal sealed record LoadResult(LongHistogram Latency, long Operations, long Errors, TimeSpan Window);
