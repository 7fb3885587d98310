using Microsoft.Coyote.Specifications;

namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// (e) A block handed to two sources and counted twice: a small model of the multi-source downloader's block
/// scheduler. A watchdog takes a slow block from its source and hands it to another; the slow source's late
/// reply is still accepted, so the block is counted twice and the download "completes" with more bytes than the
/// file has. The correct scheduler accepts a reply only from the block's current assignment.
/// </summary>
internal static class BlockCountedTwice
{
    private const int Blocks = 2;
    private const int BlockBytes = 100;

    public static PlantedBug Bug { get; } = new(
        "block-counted-twice",
        "a block reassigned from a slow source to another is counted when both reply",
        RaceChecking.Synchronization, Bound: 300, () => ScenarioAsync(checkAssignment: false), "counted twice");

    /// <summary>The scenario against the correct scheduler: the same races, no bug.</summary>
    public static Task CorrectScenarioAsync() => ScenarioAsync(checkAssignment: true);

    private static async Task ScenarioAsync(bool checkAssignment)
    {
        var scheduler = new BlockScheduler(Blocks, checkAssignment);
        var slow = Task.Run(() => SourceAsync(scheduler, "slow"));
        var fast = Task.Run(() => SourceAsync(scheduler, "fast"));
        var watchdog = Task.Run(() => scheduler.ReassignOne("slow"));
        await Task.WhenAll(new[] { slow, fast, watchdog });

        var counted = scheduler.CountedBytes;
        Specification.Assert(counted <= Blocks * BlockBytes, $"block counted twice: {counted} bytes counted for a {Blocks * BlockBytes}-byte file");
        Specification.Assert(counted == Blocks * BlockBytes, $"download incomplete: {counted} of {Blocks * BlockBytes} bytes");
    }

    private static async Task SourceAsync(BlockScheduler scheduler, string source)
    {
        // Bounded: each pass takes a block or waits a turn; 20 passes are far more than two blocks need.
        for (var pass = 0; pass < 20 && !scheduler.AllDone; pass++)
        {
            if (scheduler.TryTake(source, out var block, out var assignment))
            {
                await Task.Yield(); // the GET_FILE request to this source is in flight
                scheduler.Complete(block, assignment, BlockBytes);
            }
            else
            {
                await Task.Yield();
            }
        }
    }

    private sealed class BlockScheduler(int blocks, bool checkAssignment)
    {
        private readonly object _gate = new();
        private readonly Queue<int> _todo = new(Enumerable.Range(0, blocks));
        private readonly int[] _assignment = new int[blocks];
        private readonly string?[] _holder = new string?[blocks];
        private readonly bool[] _done = new bool[blocks];
        private int _doneCount;
        private long _countedBytes;

        public bool AllDone
        {
            get
            {
                lock (_gate)
                {
                    return _doneCount == blocks;
                }
            }
        }

        public long CountedBytes
        {
            get
            {
                lock (_gate)
                {
                    return _countedBytes;
                }
            }
        }

        public bool TryTake(string source, out int block, out int assignment)
        {
            lock (_gate)
            {
                assignment = 0;
                if (!_todo.TryDequeue(out block))
                {
                    return false;
                }

                _holder[block] = source;
                assignment = ++_assignment[block];
                return true;
            }
        }

        /// <summary>The watchdog: a block <paramref name="source"/> holds and has not delivered goes back to the queue.</summary>
        public void ReassignOne(string source)
        {
            lock (_gate)
            {
                for (var block = 0; block < blocks; block++)
                {
                    if (_holder[block] == source && !_done[block])
                    {
                        _holder[block] = null;
                        _assignment[block]++; // the slow source's assignment is now stale
                        _todo.Enqueue(block);
                        return;
                    }
                }
            }
        }

        public void Complete(int block, int assignment, int bytes)
        {
            lock (_gate)
            {
                if (checkAssignment && (assignment != _assignment[block] || _done[block]))
                {
                    return; // a late reply to a reassigned block: the new holder delivers it
                }

                // BUG when !checkAssignment: the late reply and the new holder's reply are both counted.
                if (!_done[block])
                {
                    _done[block] = true;
                    _doneCount++;
                }

                _countedBytes += bytes;
            }
        }
    }
}
