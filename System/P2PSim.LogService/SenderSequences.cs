namespace P2PSim.LogService;

/// <summary>
/// The sequences seen from one sender: everything at or below a contiguous low-water mark, plus a set of the
/// ones seen above it. Senders number from 1 and mostly arrive in order, so the set stays small; a sender that
/// skips numbers would grow it, so past <see cref="MaxPending"/> the oldest gap is given up (treated as seen).
/// Not thread-safe: the owning store locks.
/// </summary>
internal sealed class SenderSequences
{
    internal const int MaxPending = 4096;

    private readonly HashSet<ulong> _above = [];
    private ulong _lowWater;

    public ulong LowWater => _lowWater;

    public int Pending => _above.Count;

    /// <summary>Records <paramref name="sequence"/>; false when it was seen before.</summary>
    public bool TryAdd(ulong sequence)
    {
        if (sequence <= _lowWater || !_above.Add(sequence))
        {
            return false;
        }

        if (_above.Count > MaxPending)
        {
            // Give up on the oldest gap: a retry of a number in it would now be taken for a duplicate.
            _lowWater = _above.Min() - 1;
        }

        while (_above.Remove(_lowWater + 1))
        {
            _lowWater++;
        }

        return true;
    }
}
