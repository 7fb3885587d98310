using P2PSim.Rpc;
using P2PSim.Transport;

namespace P2PSim.LogSink;

/// <summary>Settings of an <see cref="RpcLogSink"/>.</summary>
/// <param name="LogService">Where the ONC-RPC log service listens (TCP, record marking).</param>
/// <param name="SenderId">
/// The <c>sender</c> of every entry; with the sequence number it is the log service's duplicate key. Make it unique
/// per server run unless a journal is configured: the journal reserves sequence numbers durably in blocks, so a
/// restart under the same id, even after a crash, continues above every number already issued.
/// </param>
public sealed record RpcLogSinkOptions(TransportEndPoint LogService, string SenderId)
{
    /// <summary>Entries held in memory before new ones spill to <see cref="JournalPath"/> (or are dropped without one).</summary>
    public int MaxQueuedEntries { get; init; } = 10_000;

    /// <summary>Entries per <c>LOG_BATCH</c> call, at most <see cref="LogProgram.MaxBatchEntries"/>.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>
    /// How long the sender waits for a batch to fill before sending fewer than <see cref="BatchSize"/> entries. The log
    /// service makes each batch durable (an fsync) before acknowledging it, so a short wait under load turns many
    /// one-entry batches into a few full ones. Zero sends whatever is queued at once.
    /// </summary>
    public TimeSpan BatchLinger { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>The spill file; also where undelivered entries are left on dispose. Null: no journal.</summary>
    public string? JournalPath { get; init; }

    /// <summary>First delay before retrying a failed batch; doubles per failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest delay between retries.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one call (connect, send, reply) may take before the connection is dropped and retried.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long dispose keeps trying to deliver before leaving the rest in the journal.</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Clock for the server-side timestamp, delays and timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
