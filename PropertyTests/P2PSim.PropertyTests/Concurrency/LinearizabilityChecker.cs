using P2PSim.PropertyTests.Model;
using P2PSim.PropertyTests.Support;

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
        var search = new Search(history, clientIp, finalFingerprint);
        var found = search.Run(initial.Clone(), 0);
        return new LinearizabilityResult(found, found ? search.Order.Select(i => history[i]).ToList() : search.Longest, search.Visited.Count);
    }

    private sealed class Search(IReadOnlyList<HistoryEvent> history, string clientIp, string? finalFingerprint)
    {
        private readonly uint _all = (uint)((1L << history.Count) - 1);

        public HashSet<(uint Done, string State)> Visited { get; } = [];

        public List<int> Order { get; } = [];

        public IReadOnlyList<HistoryEvent> Longest { get; private set; } = [];

        public bool Run(DirectoryModel state, uint done)
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

            // An operation can go next unless some other pending one returned before it was invoked.
            var earliestReturn = double.MaxValue;
            for (var i = 0; i < history.Count; i++)
            {
                if ((done & (1u << i)) == 0)
                {
                    earliestReturn = Math.Min(earliestReturn, history[i].Returned);
                }
            }

            for (var i = 0; i < history.Count; i++)
            {
                if ((done & (1u << i)) != 0 || history[i].Invoked > earliestReturn)
                {
                    continue;
                }

                var next = state.Clone();
                if (!ReplyEquality.Matches(history[i].Command, next.Apply(history[i].Command, clientIp), history[i].Reply))
                {
                    continue;
                }

                Order.Add(i);
                if (Run(next, done | (1u << i)))
                {
                    return true;
                }

                Order.RemoveAt(Order.Count - 1);
            }

            return false;
        }
    }
}
