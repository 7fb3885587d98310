using System.Buffers;

namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// The registry's journal with group commit. <see cref="Append"/> runs inside the registry's write lock and only
/// encodes into memory; one background flusher takes everything pending at once, writes it, fsyncs, and completes
/// every waiter of that batch, so concurrent changes share one fsync. <see cref="Rotate"/> starts the next
/// generation's file for compaction. Coyote controls everything it waits on: <c>lock</c>, a
/// <see cref="SemaphoreSlim"/> that wakes the flusher, and <see cref="TaskCompletionSource"/>s for batches.
/// </summary>
public sealed class JournalWriter : IAsyncDisposable
{
    private const int MaxRecycledCapacity = 1 << 20;

    private readonly IJournalStorage _storage;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Task _flusher;

    // Under _gate. Records are numbered from 1 in append order; _durable <= _flushingUpTo <= _appended.
    private List<Segment> _pending;
    private long _generation;
    private long _appended;
    private long _durable;
    private long _flushingUpTo;
    private TaskCompletionSource? _flushing;
    private TaskCompletionSource _next = NewBatch();
    private bool _wakeSignalled;
    private bool _disposing;
    private Exception? _fault;
    private ArrayBufferWriter<byte>? _spare;

    // The flusher's own: the file it appends to.
    private IJournalFile? _file;
    private long _fileGeneration = -1;
    private bool _fileDirty;

    /// <summary>
    /// Starts a journal that appends to generation <paramref name="generation"/>'s file (created on the first
    /// flush if missing); after recovery, pass <see cref="RegistryRecoveryResult.AppendGeneration"/>.
    /// </summary>
    public JournalWriter(IJournalStorage storage, long generation)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        _storage = storage;
        _generation = generation;
        _pending = [new Segment(generation, new ArrayBufferWriter<byte>())];
        _flusher = Task.Run(FlushLoopAsync);
    }

    /// <summary>The sequence number of the last record appended (0 before the first).</summary>
    public long Appended
    {
        get
        {
            lock (_gate)
            {
                return _appended;
            }
        }
    }

    /// <summary>The sequence number up to which every record is on the disk.</summary>
    public long Durable
    {
        get
        {
            lock (_gate)
            {
                return _durable;
            }
        }
    }

    /// <summary>The generation new records go to.</summary>
    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="record"/> for the disk as record number <see cref="Appended"/> + 1. Call it inside the
    /// registry's write lock, which orders the journal like the changes; it does no I/O.
    /// </summary>
    /// <exception cref="ArgumentException">The record cannot be encoded; nothing was queued.</exception>
    /// <exception cref="JournalFaultedException">An earlier write or flush failed.</exception>
    /// <exception cref="ObjectDisposedException">The journal is closing.</exception>
    public void Append(in RegistryRecord record)
    {
        lock (_gate)
        {
            ThrowIfUnusable();
            RegistryRecordCodec.Encode(record, _pending[^1].Bytes);
            _appended++;
            WakeFlusher();
        }
    }

    /// <summary>
    /// Completes once every record up to number <paramref name="sequence"/> is on the disk: at once when it
    /// already is; with a <see cref="JournalFaultedException"/> when the journal failed before.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No such record was appended: it would never be flushed.</exception>
    public ValueTask WhenDurableAsync(long sequence)
    {
        lock (_gate)
        {
            if (sequence <= _durable)
            {
                return ValueTask.CompletedTask;
            }

            if (_fault is not null)
            {
                return ValueTask.FromException(Faulted());
            }

            ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, _appended);

            // Decided under the same lock as the flusher's swap: a sequence the flusher has taken waits on that
            // batch, any later one on the next, which the flusher takes next since a record is pending.
            return new ValueTask(_flushing is not null && sequence <= _flushingUpTo ? _flushing.Task : _next.Task);
        }
    }

    /// <summary>
    /// Sends the records appended from now on to the next generation's file; the flusher first writes and fsyncs
    /// the earlier ones to the current file. Call it inside the registry's write lock, then take the snapshot
    /// there too: it holds every record before the rotation, the new generation every one after.
    /// </summary>
    /// <returns>The new generation: the snapshot's <see cref="RegistrySnapshot.Generation"/>.</returns>
    public long Rotate()
    {
        lock (_gate)
        {
            ThrowIfUnusable();
            _generation++;
            _pending.Add(NewSegment());
            WakeFlusher();
            return _generation;
        }
    }

    /// <summary>Writes and fsyncs what is pending, then stops the flusher and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposing = true;
            WakeFlusher();
        }

        await _flusher;
    }

    private static TaskCompletionSource NewBatch() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Under _gate. Group commit swaps buffers at every flush: the one just written serves the next batch but one,
    // unless a huge record grew it (then it goes, so one burst does not pin its memory).
    private Segment NewSegment()
    {
        var bytes = _spare ?? new ArrayBufferWriter<byte>();
        _spare = null;
        return new Segment(_generation, bytes);
    }

    private void Recycle(List<Segment> written)
    {
        var bytes = written[^1].Bytes;
        if (bytes.Capacity <= MaxRecycledCapacity)
        {
            bytes.ResetWrittenCount();
            _spare = bytes;
        }
    }

    private async Task FlushLoopAsync()
    {
        var wait = true;
        try
        {
            while (true)
            {
                if (wait)
                {
                    await _wake.WaitAsync();
                }

                List<Segment> batch;
                TaskCompletionSource done;
                long upTo;
                lock (_gate)
                {
                    _wakeSignalled = false;
                    if (_pending.Count == 1 && _pending[0].Bytes.WrittenCount == 0)
                    {
                        if (_disposing)
                        {
                            return;
                        }

                        wait = true;
                        continue;
                    }

                    // Take everything pending: the appends that arrive meanwhile go to a fresh buffer and wait on
                    // the next batch.
                    batch = _pending;
                    _pending = [NewSegment()];
                    upTo = _flushingUpTo = _appended;
                    done = _flushing = _next;
                    _next = NewBatch();
                    wait = !_disposing;
                }

                try
                {
                    await WriteAsync(batch);
                }
                catch (Exception e)
                {
                    Fault(e);
                    return;
                }

                lock (_gate)
                {
                    _durable = upTo;
                    _flushing = null;
                    Recycle(batch);
                }

                done.TrySetResult();
            }
        }
        finally
        {
            CloseFile();
        }
    }

    private async Task WriteAsync(List<Segment> batch)
    {
        foreach (var segment in batch)
        {
            // Every generation gets its file, even one left empty by two rotations in a row: recovery then
            // knows that a missing generation is a lost file, not an idle one.
            if (_file is null || segment.Generation != _fileGeneration)
            {
                // The earlier generation is whole on the disk before the next one exists, so recovery never finds
                // a torn tail anywhere but in the last journal. Nothing written since its last flush: it is not
                // touched again, for compaction may have deleted it once the records before the rotation were
                // durable.
                if (_fileDirty)
                {
                    await _file!.FlushToDiskAsync();
                }

                CloseFile();

                _file = _storage.OpenJournal(segment.Generation);
                _fileGeneration = segment.Generation;
            }

            if (segment.Bytes.WrittenCount > 0)
            {
                _fileDirty = true;
                await _file.WriteAsync(segment.Bytes.WrittenMemory);
            }
        }

        await _file!.FlushToDiskAsync();
        _fileDirty = false;
    }

    private void Fault(Exception cause)
    {
        TaskCompletionSource? flushing;
        TaskCompletionSource next;
        JournalFaultedException fault;
        lock (_gate)
        {
            _fault = cause;
            fault = Faulted();
            flushing = _flushing;
            _flushing = null;
            next = _next;
        }

        // Outside the lock: the continuations run asynchronously anyway, but nothing here needs it.
        flushing?.TrySetException(fault);
        next.TrySetException(fault);
    }

    private void CloseFile()
    {
        try
        {
            _file?.Dispose();
        }
        catch (IOException)
        {
            // Closing after a failure may fail again; the fault already reports the cause.
        }

        _file = null;
        _fileGeneration = -1;
        _fileDirty = false;
    }

    private JournalFaultedException Faulted() => new(_storage.Location, _fault!);

    private void ThrowIfUnusable()
    {
        if (_fault is not null)
        {
            throw Faulted();
        }

        ObjectDisposedException.ThrowIf(_disposing, this);
    }

    private void WakeFlusher()
    {
        // One release per wake-up, not per record: the flusher takes all that is pending when it runs.
        if (!_wakeSignalled)
        {
            _wakeSignalled = true;
            _wake.Release();
        }
    }

    private sealed class Segment(long generation, ArrayBufferWriter<byte> bytes)
    {
        public long Generation { get; } = generation;

        public ArrayBufferWriter<byte> Bytes { get; } = bytes;
    }
}
