using P2PSim.PropertyTests.Model;

namespace P2PSim.PropertyTests.Concurrency;

/// <summary>
/// A Wing–Gong linearizability checker for short histories (up to 30 operations; meant for about 10): searches for
/// a total order of the operations that respects real time (an operation that returned before another was
/// invoked comes first) in which the sequential model gives every recorded reply, and, when the final state is
/// given, ends in it. Memoizes (operations done, model state) pairs, as in Lowe's refinement, so revisiting a
/// state reached by another order is free.
/// </summary>
internal static class LinearizabilityChecker
{
    /// <summary>Bound on explored states: far above what 30 operations over a few users need.</summary>
    public const int MaxStates = 1_000_000;

    public static LinearizabilityResult Check(
        DirectoryModel initial, IReadOnlyList<HistoryEvent> history, string clientIp, string? finalFingerprint = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(history.Count, 30);
        return Check(initial, [.. history.Select(HistoryStep.Whole)], clientIp, finalFingerprint);
    }

    /// <summary>
    /// The same search over <paramref name="steps"/>: whole operations, or parts of them that must each be
    /// explained at their own point of the order (up to 64 steps).
    /// </summary>
    public static LinearizabilityResult Check(
        DirectoryModel initial, IReadOnlyList<HistoryStep> steps, string clientIp, string? finalFingerprint = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(steps.Count, 64);
        var search = new Search(steps, clientIp, finalFingerprint);
        var found = search.Run(initial.Clone(), 0);
        return new LinearizabilityResult(found, found ? search.Order.Select(i => steps[i]).ToList() : search.Longest, search.Visited.Count);
    }

    private sealed class Search(IReadOnlyList<HistoryStep> history, string clientIp, string? finalFingerprint)
    {
        private readonly ulong _all = history.Count == 64 ? ulong.MaxValue : (1UL << history.Count) - 1;

        public HashSet<(ulong Done, string State)> Visited { get; } = [];

        public List<int> Order { get; } = [];

        public IReadOnlyList<HistoryStep> Longest { get; private set; } = [];

        public bool Run(DirectoryModel state, ulong done)
        {
            if (Order.Count > Longest.Count)
            {
                Longest = Order.Select(i => history[i]).ToList();
            }

            if (done == _all)
            {
                return finalFingerprint is null || state.Fingerprint() == finalFingerprint;
            }

            if (!Visited.Add((done, state.Fingerprint())))
            {
                return false;
            }

            if (Visited.Count > MaxStates)
            {
                throw new InvalidOperationException($"Linearizability search gave up after {MaxStates} states.");
            }

            // A step can go next unless some other pending one returned before it was invoked, or it must follow a
            // step not placed yet.
            var earliestReturn = double.MaxValue;
            for (var i = 0; i < history.Count; i++)
            {
                if ((done & (1UL << i)) == 0)
                {
                    earliestReturn = Math.Min(earliestReturn, history[i].Event.Returned);
                }
            }

            for (var i = 0; i < history.Count; i++)
            {
                if ((done & (1UL << i)) != 0 || history[i].Event.Invoked > earliestReturn ||
                    (history[i].After is { } first && (done & (1UL << first)) == 0))
                {
                    continue;
                }

                var next = state.Clone();
                if (!history[i].Explains(next, clientIp))
                {
                    continue;
                }

                Order.Add(i);
                if (Run(next, done | (1UL << i)))
                {
                    return true;
                }

                Order.RemoveAt(Order.Count - 1);
            }

            return false;
        }
    }
}
