using P2PSim.LogSink;

namespace P2PSim.LoadGen;

/// <summary>A snapshot of an <see cref="RpcLogSink"/>'s counters (since the sink started, warm-up included).</summary>
internal sealed record SinkCounters(long Queued, long Sent, long Retried, long Spilled, long Dropped)
{
    public static SinkCounters Of(RpcLogSink sink) => new(sink.Queued, sink.Sent, sink.Retried, sink.Spilled, sink.Dropped);
}
