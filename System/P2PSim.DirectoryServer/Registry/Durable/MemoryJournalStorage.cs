namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// Journal storage in memory, for tests and systematic scenarios. Each journal keeps the bytes written apart from
/// the prefix flushed to "disk", so <see cref="Crash"/> can drop what a power cut would. Hooks let a test hold a
/// flush (to make waiters pile up) or make writes and flushes fail. Thread-safe, with <c>lock</c> only.
/// </summary>
public sealed class MemoryJournalStorage : IJournalStorage
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, Journal> _journals = [];
    private byte[]? _snapshot;
    private int _epoch;
    private int _flushCount;

    /// <inheritdoc/>
    public string Location { get; init; } = "memory";

    /// <summary>Awaited at the start of every flush to disk, when set: a test holds flushes with it.</summary>
    public Func<ValueTask>? BeforeFlush { get; set; }

    /// <summary>When set, every write fails with this exception (a full disk, a dead device).</summary>
    public Exception? WriteFailure { get; set; }

    /// <summary>When set, every flush to disk fails with this exception.</summary>
    public Exception? FlushFailure { get; set; }

    /// <summary>How many flushes to disk have completed.</summary>
    public int FlushCount
    {
        get
        {
            lock (_gate)
            {
                return _flushCount;
            }
        }
    }

    /// <summary>
    /// A power cut: every journal loses the bytes written since its last flush, except the first
    /// <paramref name="keepUnflushed"/> of them (a torn write that reached the disk in part). Files opened before
    /// fail from now on; the snapshot, written atomically, stays.
    /// </summary>
    public void Crash(int keepUnflushed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepUnflushed);
        lock (_gate)
        {
            _epoch++;
            foreach (var journal in _journals.Values)
            {
                var keep = Math.Min(journal.Written.Count, journal.Flushed + keepUnflushed);
                journal.Written.RemoveRange(keep, journal.Written.Count - keep);
                journal.Flushed = keep;
            }
        }
    }

    /// <summary>
    /// What the disk holds at this instant, as a new storage: every journal's flushed bytes and the snapshot, copied
    /// in one step. The power cut of a process that keeps running here: the copy is what its next start finds,
    /// whatever the old process does afterwards.
    /// </summary>
    public MemoryJournalStorage CopyOfDisk()
    {
        lock (_gate)
        {
            var copy = new MemoryJournalStorage { Location = Location };
            foreach (var (generation, journal) in _journals)
            {
                copy.SetJournal(generation, [.. journal.Written.GetRange(0, journal.Flushed)]);
            }

            copy.SetSnapshot(_snapshot);
            return copy;
        }
    }

    /// <summary>Replaces generation <paramref name="generation"/>'s journal with <paramref name="contents"/>, flushed.</summary>
    public void SetJournal(long generation, ReadOnlySpan<byte> contents)
    {
        lock (_gate)
        {
            var journal = new Journal();
            journal.Written.AddRange(contents);
            journal.Flushed = contents.Length;
            _journals[generation] = journal;
        }
    }

    /// <summary>Replaces the snapshot with <paramref name="contents"/> (null: none), bypassing the atomic write.</summary>
    public void SetSnapshot(byte[]? contents)
    {
        lock (_gate)
        {
            _snapshot = contents?.ToArray();
        }
    }

    /// <summary>The bytes of generation <paramref name="generation"/>'s journal that a crash would keep.</summary>
    public byte[] ReadFlushed(long generation)
    {
        lock (_gate)
        {
            var journal = Find(generation);
            return [.. journal.Written.GetRange(0, journal.Flushed)];
        }
    }

    /// <inheritdoc/>
    public IJournalFile OpenJournal(long generation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        lock (_gate)
        {
            if (!_journals.ContainsKey(generation))
            {
                _journals[generation] = new Journal();
            }

            return new MemoryJournalFile(this, generation, _epoch);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<long> ListJournals()
    {
        lock (_gate)
        {
            return [.. _journals.Keys];
        }
    }

    /// <inheritdoc/>
    public byte[] ReadJournal(long generation)
    {
        lock (_gate)
        {
            return [.. Find(generation).Written];
        }
    }

    /// <inheritdoc/>
    public void TruncateJournal(long generation, long length)
    {
        lock (_gate)
        {
            var journal = Find(generation);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(length, journal.Written.Count);
            journal.Written.RemoveRange((int)length, journal.Written.Count - (int)length);
            journal.Flushed = Math.Min(journal.Flushed, (int)length);
        }
    }

    /// <inheritdoc/>
    public void DeleteJournal(long generation)
    {
        lock (_gate)
        {
            _journals.Remove(generation);
        }
    }

    /// <inheritdoc/>
    public byte[]? ReadSnapshot()
    {
        lock (_gate)
        {
            return _snapshot?.ToArray();
        }
    }

    /// <inheritdoc/>
    public void WriteSnapshot(ReadOnlySpan<byte> contents)
    {
        lock (_gate)
        {
            _snapshot = contents.ToArray();
        }
    }

    private Journal Find(long generation) =>
        _journals.TryGetValue(generation, out var journal)
            ? journal
            : throw new FileNotFoundException($"No journal of generation {generation} in '{Location}'.");

    private sealed class Journal
    {
        public List<byte> Written { get; } = [];

        public int Flushed { get; set; }
    }

    private sealed class MemoryJournalFile(MemoryJournalStorage storage, long generation, int epoch) : IJournalFile
    {
        public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes)
        {
            lock (storage._gate)
            {
                if (storage.WriteFailure is { } failure)
                {
                    return ValueTask.FromException(failure);
                }

                Current().Written.AddRange(bytes.Span);
                return ValueTask.CompletedTask;
            }
        }

        public async ValueTask FlushToDiskAsync()
        {
            if (storage.BeforeFlush is { } hold)
            {
                await hold();
            }

            lock (storage._gate)
            {
                if (storage.FlushFailure is { } failure)
                {
                    throw failure;
                }

                var journal = Current();
                journal.Flushed = journal.Written.Count;
                storage._flushCount++;
            }
        }

        public void Dispose()
        {
        }

        private Journal Current()
        {
            if (epoch != storage._epoch)
            {
                throw new IOException($"The journal of generation {generation} was open before a crash.");
            }

            return storage._journals.TryGetValue(generation, out var journal)
                ? journal
                : throw new IOException($"The journal of generation {generation} was deleted while open.");
        }
    }
}
