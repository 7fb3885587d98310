using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.DirectoryServer;
using P2PSim.Protocol;
using P2PSim.Rpc;
using P2PSim.Transport;
using P2PSim.Transport.Timing;

namespace P2PSim.LogSink;

/// <summary>
/// Ships every handled operation to the ONC-RPC log service (spec §7) without ever making the request path wait.
/// <see cref="OnOperation"/> numbers the entry and queues it under a lock; one background task sends the queue head in
/// <c>LOG_BATCH</c> calls and removes entries only once the service has replied, retrying the same batch with
/// exponential backoff after any failure. The log service drops duplicates by (sender, sequence), so each entry is
/// logged once and in order. Past <see cref="RpcLogSinkOptions.MaxQueuedEntries"/> entries spill to the journal file,
/// which also keeps whatever is undelivered at dispose for the next sink on the same path.
/// </summary>
public sealed partial class RpcLogSink : IOperationSink, IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly RpcLogSinkOptions _options;
    private readonly ILogger _logger;
    private readonly LogBatchClient _client;
    private readonly CancellationTokenSource _stop = new();

    // Guarded by _gate. The logical queue is _memory followed by the journal's unread records: while the journal has
    // any, new entries go to it too, so memory always holds the oldest entries and order is global.
    private readonly Queue<LogEntry> _memory = new();
    private readonly OperationJournal? _journal;
    private TaskCompletionSource? _signal;
    private bool _accepting = true;
    private bool _disposed;

    private readonly Task _sender;
    private long _sequence;
    private ulong _reserved;

    /// <summary>Sequence numbers reserved durably at a time (see <see cref="OperationJournal.Reserve"/>).</summary>
    private const ulong ReservationBlock = 1024;
    private long _queued;
    private long _sent;
    private long _retried;
    private long _spilled;
    private long _dropped;

    /// <summary>Creates the sink, recovers its journal (pending entries are sent first) and starts the sender.</summary>
    public RpcLogSink(ITransport transport, RpcLogSinkOptions options, ILogger<RpcLogSink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxQueuedEntries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.BatchSize, LogProgram.MaxBatchEntries);
        _options = options;
        _logger = logger ?? NullLogger<RpcLogSink>.Instance;
        _client = new LogBatchClient(transport, options.LogService);
        if (options.JournalPath is { } path)
        {
            _journal = new OperationJournal(path);
            _sequence = (long)_journal.LastSequence;
            _reserved = _journal.LastSequence;
            if (_journal.Unread > 0)
            {
                Log.JournalRecovered(_logger, _journal.Unread, path);
            }
        }

        _sender = RunSenderAsync();
    }

    /// <summary>Entries accepted by <see cref="OnOperation"/> in this sink's lifetime.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>Entries the log service acknowledged (journal leftovers included).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Failed calls that were (or will be) retried.</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Entries written to the journal because memory was full (or the journal already had entries).</summary>
    public long Spilled => Interlocked.Read(ref _spilled);

    /// <summary>Entries lost: over the memory bound with no journal, a journal write failure, or after dispose.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Entries waiting for delivery, in memory and in the journal.</summary>
    public long Pending
    {
        get
        {
            lock (_gate)
            {
                return PendingLocked();
            }
        }
    }

    /// <inheritdoc/>
    public void OnOperation(OperationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);

        // Everything that can be done outside the lock is: the lock only numbers, queues and (rarely) appends.
        var user = Bounded(record.User, LogProgram.MaxUserBytes);
        var operation = Bounded(record.Operation.WireName(), LogProgram.MaxOperationBytes);
        var fileName = Bounded(record.FileName ?? "", LogProgram.MaxFileNameBytes);
        var timestamp = Bounded(
            record.Timestamp ?? Timestamp.ToWire(_options.TimeProvider.GetLocalNow()), LogProgram.MaxTimestampBytes);
        var sender = Bounded(_options.SenderId, LogProgram.MaxSenderBytes);

        TaskCompletionSource? wake;
        string? dropReason = null;
        var spillStarted = false;
        ulong sequence;
        lock (_gate)
        {
            if (!_accepting)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }

            // Numbered inside the lock so queue order and sequence order are the same.
            sequence = (ulong)Interlocked.Increment(ref _sequence);
            if (_journal is not null && sequence > _reserved)
            {
                // One small state write per block of numbers, so a crash cannot make the next run reuse them.
                _reserved = sequence + ReservationBlock - 1;
                _journal.Reserve(_reserved);
            }

            var entry = new LogEntry(user, operation, fileName, timestamp, sender, sequence);
            if ((_journal is null || _journal.Unread == 0) && _memory.Count < _options.MaxQueuedEntries)
            {
                _memory.Enqueue(entry);
            }
            else if (_journal is not null)
            {
                // Spill: file I/O under the lock, one small flushed append. Rare and bounded (the service is behind
                // by MaxQueuedEntries) and it keeps order trivially; the request path never waits on the network.
                try
                {
                    spillStarted = _journal.Unread == 0;
                    _journal.Append(entry);
                    Interlocked.Increment(ref _spilled);
                }
                catch (IOException e)
                {
                    dropReason = "journal write failed: " + e.Message;
                }
            }
            else
            {
                dropReason = "memory bound reached and no journal";
            }

            if (dropReason is null)
            {
                Interlocked.Increment(ref _queued);
            }
            else
            {
                Interlocked.Increment(ref _dropped);
            }

            wake = _signal;
            _signal = null;
        }

        wake?.TrySetResult();
        if (spillStarted)
        {
            Log.SpillStarted(_logger, _options.MaxQueuedEntries, _options.JournalPath!);
        }

        if (dropReason is not null)
        {
            Log.EntryDropped(_logger, sequence, dropReason);
        }
    }

    /// <summary>
    /// Stops accepting, tries to deliver what is pending for <see cref="RpcLogSinkOptions.FlushTimeout"/>, then stops
    /// the sender and leaves the rest in the journal (memory entries first), where the next sink finds them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _accepting = false;
            wake = _signal;
            _signal = null;
        }

        wake?.TrySetResult();
        using (var flushWait = new CancellationTokenSource())
        {
            var flushDeadline = ClockDelay.DelayAsync(_options.FlushTimeout, _options.TimeProvider, flushWait.Token);
            await Task.WhenAny(new[] { _sender, flushDeadline });
            flushWait.Cancel();
        }

        _stop.Cancel();
        try
        {
            await _sender;
        }
        catch (OperationCanceledException)
        {
            // The sender was stopped mid-batch; the batch is still at the queue head and is kept below.
        }

        long pending;
        lock (_gate)
        {
            pending = PendingLocked();
            if (_journal is not null)
            {
                _journal.Close(_memory, (ulong)Interlocked.Read(ref _sequence));
            }

            _memory.Clear();
        }

        if (pending > 0)
        {
            if (_journal is not null)
            {
                Log.LeftInJournal(_logger, pending, _journal.Path);
            }
            else
            {
                Interlocked.Add(ref _dropped, pending);
                Log.LostOnStop(_logger, pending);
            }
        }

        _stop.Dispose();
    }

    private long PendingLocked() => _memory.Count + (_journal?.Unread ?? 0);

    /// <summary>Cuts a field to its XDR bound (in UTF-8 bytes) so one oversized value can never poison a batch.</summary>
    private static string Bounded(string value, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(value) <= maxBytes)
        {
            return value;
        }

        var length = Math.Min(value.Length, maxBytes);
        while (length > 0 && (Encoding.UTF8.GetByteCount(value.AsSpan(0, length)) > maxBytes || char.IsHighSurrogate(value[length - 1])))
        {
            length--;
        }

        return value[..length];
    }
}
