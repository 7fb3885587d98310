using Microsoft.Coyote.Rewriting;
using Microsoft.Coyote.Specifications;

namespace P2PSim.Systematic.Tests.RealCode.Board;

/// <summary>
/// Safety and liveness of the real <c>BlockBoard</c> as its workers use it: a block has at most one holder outside
/// the endgame (at most the allowed copies in it), a block is credited to one source only, and the monitor is hot
/// until every block is credited. Workers report a hold right after <c>TryTake</c> gave it and its end right before
/// they give the block back or complete it, so the monitor's holders are always a subset of the board's.
/// </summary>
[SkipRewriting("a monitor runs atomically: no scheduling points inside it")]
internal sealed class BoardMonitor : Microsoft.Coyote.Specifications.Monitor
{
    private readonly Dictionary<int, HashSet<int>> _holders = [];
    private readonly HashSet<int> _credited = [];
    private int _blocks;
    private int _copies;

    private void OnSetup(Event e) => (_blocks, _copies) = (((Setup)e).Blocks, ((Setup)e).Copies);

    private void OnTaken(Event e)
    {
        var (block, source) = (((Taken)e).Block, ((Taken)e).Source);
        if (!_holders.TryGetValue(block, out var holders))
        {
            _holders[block] = holders = [];
        }

        Specification.Assert(!_credited.Contains(block), $"block {block} given to source {source} after it was done");
        Specification.Assert(holders.Add(source), $"block {block} given twice to source {source}");
        Specification.Assert(holders.Count <= _copies,
            $"block {block} held by sources {string.Join(", ", holders)} at once; at most {_copies} may hold it" +
            (_copies == 1 ? " outside the endgame" : " in the endgame"));
    }

    private void OnReleased(Event e) => _holders.GetValueOrDefault(((Released)e).Block)?.Remove(((Released)e).Source);

    private void OnCredited(Event e)
    {
        var block = ((Credited)e).Block;
        Specification.Assert(_credited.Add(block), $"block {block} counted twice: a second copy was credited to source {((Credited)e).Source}");
        if (_credited.Count == _blocks)
        {
            RaiseGotoStateEvent<AllCredited>();
        }
    }

    internal sealed class Setup(int blocks, int copies) : Event
    {
        public int Blocks { get; } = blocks;

        public int Copies { get; } = copies;
    }

    internal sealed class Taken(int block, int source) : Event
    {
        public int Block { get; } = block;

        public int Source { get; } = source;
    }

    internal sealed class Released(int block, int source) : Event
    {
        public int Block { get; } = block;

        public int Source { get; } = source;
    }

    internal sealed class Credited(int block, int source) : Event
    {
        public int Block { get; } = block;

        public int Source { get; } = source;
    }

    [Start]
    [Hot]
    [OnEventDoAction(typeof(Setup), nameof(OnSetup))]
    [OnEventDoAction(typeof(Taken), nameof(OnTaken))]
    [OnEventDoAction(typeof(Released), nameof(OnReleased))]
    [OnEventDoAction(typeof(Credited), nameof(OnCredited))]
    private sealed class Incomplete : State
    {
    }

    [Cold]
    [OnEventDoAction(typeof(Taken), nameof(OnTaken))]
    [OnEventDoAction(typeof(Released), nameof(OnReleased))]
    [OnEventDoAction(typeof(Credited), nameof(OnCredited))]
    private sealed class AllCredited : State
    {
    }
}
