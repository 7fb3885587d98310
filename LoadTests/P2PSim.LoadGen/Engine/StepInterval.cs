using HdrHistogram;

namespace P2PSim.LoadGen.Engine;

/// <summary>One sampling interval of one step: OK latencies (µs) and the counts.</summary>
internal sealed record StepInterval(HistogramBase Latency, long Ok, long Failed, long Bytes);
