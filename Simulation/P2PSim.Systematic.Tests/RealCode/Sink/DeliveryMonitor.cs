using Microsoft.Coyote.Rewriting;
using Microsoft.Coyote.Specifications;

namespace P2PSim.Systematic.Tests.RealCode.Sink;

/// <summary>
/// Safety and liveness of one sink's delivery, as the log service sees it: every entry arrives exactly once and in
/// sequence order (each received sequence is the one after the last, from 1), and the monitor stays hot while any
/// expected entry is undelivered. With no failures injected nothing is ever resent, so a repeat is a bug too.
/// </summary>
[SkipRewriting("a monitor runs atomically: no scheduling points inside it")]
internal sealed class DeliveryMonitor : Microsoft.Coyote.Specifications.Monitor
{
    private int _expected;
    private ulong _last;

    private void OnExpect(Event e) => _expected = ((Expect)e).Count;

    private void OnDelivered(Event e)
    {
        var sequence = ((Delivered)e).Sequence;
        Specification.Assert(sequence == _last + 1,
            $"entry {sequence} delivered after entry {_last}: entries must arrive exactly once and in sequence order");
        _last = sequence;
        if ((int)_last == _expected)
        {
            RaiseGotoStateEvent<AllDelivered>();
        }
    }

    private void OnDeliveredAfterAll(Event e) =>
        Specification.Assert(false, $"entry {((Delivered)e).Sequence} delivered after all {_expected} were: delivered twice");

    /// <summary>The scenario's entry count, sent before the first entry is produced.</summary>
    internal sealed class Expect(int count) : Event
    {
        public int Count { get; } = count;
    }

    /// <summary>The log service received the entry with this sequence number.</summary>
    internal sealed class Delivered(ulong sequence) : Event
    {
        public ulong Sequence { get; } = sequence;
    }

    [Start]
    [Hot]
    [OnEventDoAction(typeof(Expect), nameof(OnExpect))]
    [OnEventDoAction(typeof(Delivered), nameof(OnDelivered))]
    private sealed class Undelivered : State
    {
    }

    [Cold]
    [OnEventDoAction(typeof(Delivered), nameof(OnDeliveredAfterAll))]
    private sealed class AllDelivered : State
    {
    }
}
