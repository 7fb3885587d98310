namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>
/// Which blocks are missing, requested (and from which sources) or done: the one piece of state the source workers
/// share. Workers pull work when they have a free request slot, so each block goes to whichever source is least busy
/// at that moment, and a fast source naturally takes more. Missing blocks are handed out lowest index first, which
/// keeps a single source's transfer sequential on disk. Every method is one critical section under one lock
/// (a <c>lock</c> and <see cref="TaskCompletionSource"/> wake-ups, both of which systematic tests control).
/// </summary>
internal sealed class BlockBoard
{
    private readonly object _gate = new();
    private readonly int[] _lengths;
    private readonly bool[] _done;
    private readonly List<int>?[] _holders;
    private readonly SortedSet<int> _missing = [];
    private readonly Dictionary<int, HashSet<int>> _refusedBy = [];
    private readonly HashSet<int> _liveSources = [];
    private readonly int _endgameCopies;
    private TaskCompletionSource _changed = NewSignal();
    private int _doneCount;
    private int _endedWorkers;
    private long _doneBytes;
    private string? _failure;

    public BlockBoard(IReadOnlyList<int> blockLengths, IEnumerable<int> sources, bool endgame, int endgameCopies)
    {
        _lengths = [.. blockLengths];
        _done = new bool[_lengths.Length];
        _holders = new List<int>?[_lengths.Length];
        for (var i = 0; i < _lengths.Length; i++)
        {
            _missing.Add(i);
        }

        _liveSources.UnionWith(sources);
        _endgameCopies = endgame ? Math.Max(2, endgameCopies) : 1;
    }

    public int BlockCount => _lengths.Length;

    public bool IsComplete
    {
        get { lock (_gate) { return _doneCount == _lengths.Length; } }
    }

    /// <summary>Why the download cannot complete, once that is certain; null otherwise.</summary>
    public string? Failure
    {
        get { lock (_gate) { return _failure; } }
    }

    public long DoneBytes
    {
        get { lock (_gate) { return _doneBytes; } }
    }

    public int LiveSources
    {
        get { lock (_gate) { return _liveSources.Count; } }
    }

    /// <summary>True when the block is verified and on disk.</summary>
    public bool IsDone(int block)
    {
        lock (_gate)
        {
            return _done[block];
        }
    }

    /// <summary>Blocks found verified on disk before any source was asked (a resumed download).</summary>
    public void MarkResumed(int block)
    {
        lock (_gate)
        {
            if (!_done[block])
            {
                _done[block] = true;
                _missing.Remove(block);
                _doneCount++;
                _doneBytes += _lengths[block];
            }
        }
    }

    /// <summary>
    /// Gives <paramref name="source"/> a block to request: the lowest missing one it has not failed on, or, in the
    /// endgame (nothing missing), a block in flight elsewhere with fewer than the allowed copies.
    /// </summary>
    public bool TryTake(int source, out int block)
    {
        lock (_gate)
        {
            foreach (var candidate in _missing)
            {
                if (!RefusedBy(candidate, source))
                {
                    _missing.Remove(candidate);
                    // Stryker disable once Assignment : a missing block's holder list is always null or empty (Release puts a block back only when no one holds it)
                    (_holders[candidate] ??= []).Add(source);
                    block = candidate;
                    return true;
                }
            }

            if (_missing.Count == 0 && _endgameCopies > 1)
            {
                for (var candidate = 0; candidate < _lengths.Length; candidate++)
                {
                    if (!_done[candidate] && _holders[candidate] is { } holders && holders.Count < _endgameCopies &&
                        !holders.Contains(source) && !RefusedBy(candidate, source))
                    {
                        holders.Add(source);
                        block = candidate;
                        return true;
                    }
                }
            }

            block = -1;
            return false;
        }
    }

    /// <summary>
    /// Records a verified block as done. False when another source's copy was already done (an endgame duplicate,
    /// discarded). A block may complete without having been taken: a whole-file source streams every block.
    /// </summary>
    public bool TryComplete(int block, int source)
    {
        lock (_gate)
        {
            _holders[block]?.Remove(source);
            if (_done[block])
            {
                return false;
            }

            _done[block] = true;
            _missing.Remove(block);
            _doneCount++;
            _doneBytes += _lengths[block];
            Signal();
            return true;
        }
    }

    /// <summary>
    /// Gives a block back: the source's request failed (<paramref name="refused"/> false: the connection broke) or its
    /// copy failed verification (<paramref name="refused"/> true: never ask this source for this block again).
    /// </summary>
    public void Release(int block, int source, bool refused)
    {
        lock (_gate)
        {
            var holders = _holders[block];
            holders?.Remove(source);
            if (refused)
            {
                if (!_refusedBy.TryGetValue(block, out var refusers))
                {
                    _refusedBy[block] = refusers = [];
                }

                refusers.Add(source);
            }

            if (!_done[block] && (holders is null || holders.Count == 0))
            {
                _missing.Add(block);
            }

            CheckHopeless();
            Signal();
        }
    }

    /// <summary>The source is dropped: it takes no more blocks, and blocks only it could serve become hopeless.</summary>
    public void SourceGone(int source)
    {
        lock (_gate)
        {
            _liveSources.Remove(source);
            if (_liveSources.Count == 0 && _doneCount < _lengths.Length)
            {
                _failure ??= "every source was dropped";
            }

            CheckHopeless();
            Signal();
        }
    }

    /// <summary>Completes when a block is done or given back, a source leaves, a worker ends, or the download fails.</summary>
    public Task WaitForChangeAsync()
    {
        lock (_gate)
        {
            return _changed.Task;
        }
    }

    /// <summary>
    /// Waits for <paramref name="change"/> (from <see cref="WaitForChangeAsync"/>); throws once
    /// <paramref name="cancellationToken"/> is cancelled. The cancellation completes the board's signal itself, so
    /// every waiter wakes and re-checks, and nothing waits through <c>Task.WhenAny</c> or <c>WaitAsync</c>: their
    /// continuations run on the thread pool, outside systematic (Coyote) tests' scheduler, which then reports a
    /// deadlock that no schedule reproduces.
    /// </summary>
    public async Task WaitAsync(Task change, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            await change;
            // Stryker disable once Statement : registering on a token that cannot be cancelled does nothing, so the path below waits the same way
            return;
        }

        var registration = cancellationToken.Register(static board => ((BlockBoard)board!).Wake(), this);
        try
        {
            await change;
        }
        finally
        {
            // Unregister, not Dispose: Dispose may spin-wait for the very callback that woke us, which Coyote cannot schedule.
            registration.Unregister();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Workers that have ended (each calls <see cref="WorkerEnded"/> last).</summary>
    public int EndedWorkers
    {
        get { lock (_gate) { return _endedWorkers; } }
    }

    /// <summary>A source's worker has ended, whatever the reason: a change the download waits for.</summary>
    public void WorkerEnded()
    {
        lock (_gate)
        {
            _endedWorkers++;
            Signal();
        }
    }

    /// <summary>Wakes every waiter without a change of state (a wait was cancelled).</summary>
    public void Wake()
    {
        lock (_gate)
        {
            Signal();
        }
    }

    private bool RefusedBy(int block, int source) =>
        _refusedBy.TryGetValue(block, out var refusers) && refusers.Contains(source);

    /// <summary>A missing block that every remaining source has failed on can never complete.</summary>
    private void CheckHopeless()
    {
        foreach (var (block, refusers) in _refusedBy)
        {
            if (!_done[block] && _liveSources.All(refusers.Contains))
            {
                _failure ??= $"block {block} failed verification from every remaining source";
                // Stryker disable once Statement : looking on finds at most another hopeless block, and ??= keeps the first reason
                return;
            }
        }
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
