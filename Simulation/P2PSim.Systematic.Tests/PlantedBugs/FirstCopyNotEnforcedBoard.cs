namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// A test-only block board with the product <c>BlockBoard</c>'s hand-out rules (lowest missing block first, then in
/// the endgame a block in flight elsewhere, up to two copies) and one planted bug: <see cref="TryComplete"/> answers
/// true to any holder of the block, even when another copy already completed it.
/// </summary>
internal sealed class FirstCopyNotEnforcedBoard(IReadOnlyList<int> lengths, int endgameCopies)
{
    private readonly object _gate = new();
    private readonly bool[] _done = new bool[lengths.Count];
    private readonly List<int>?[] _holders = new List<int>?[lengths.Count];
    private readonly SortedSet<int> _missing = [.. Enumerable.Range(0, lengths.Count)];
    private int _doneCount;

    public bool IsComplete()
    {
        lock (_gate)
        {
            return _doneCount == lengths.Count;
        }
    }

    public bool IsDone(int block)
    {
        lock (_gate)
        {
            return _done[block];
        }
    }

    public bool TryTake(int source, out int block)
    {
        lock (_gate)
        {
            if (_missing.Count > 0)
            {
                block = _missing.Min;
                _missing.Remove(block);
                (_holders[block] ??= []).Add(source);
                return true;
            }

            for (var candidate = 0; candidate < lengths.Count; candidate++)
            {
                if (!_done[candidate] && _holders[candidate] is { } holders && holders.Count < endgameCopies && !holders.Contains(source))
                {
                    holders.Add(source);
                    block = candidate;
                    return true;
                }
            }

            block = -1;
            return false;
        }
    }

    public bool TryComplete(int block, int source)
    {
        lock (_gate)
        {
            var wasHolder = _holders[block]?.Remove(source) == true;
            if (!_done[block])
            {
                _done[block] = true;
                _doneCount++;
            }

            return wasHolder; // BUG: the product answers true only to the copy that completed the block
        }
    }
}
