using Microsoft.Coyote.Rewriting;
using Microsoft.Coyote.Specifications;

namespace P2PSim.Systematic.Tests.RealCode.Dispatcher;

/// <summary>
/// Safety and liveness of a <c>ConnectionDispatcher</c>'s handlers: never more running at once than its limit, none
/// starting or still running once its drain has returned (every handler awaited), and hot while any handler runs,
/// so a scenario that ends with a handler still running is a liveness bug.
/// </summary>
[SkipRewriting("a monitor runs atomically: no scheduling points inside it")]
internal sealed class HandlerMonitor : Microsoft.Coyote.Specifications.Monitor
{
    private int _limit;
    private int _running;
    private bool _drained;

    private void OnLimit(Event e) => _limit = ((Limit)e).Connections;

    private void OnStarted(Event e)
    {
        Specification.Assert(!_drained, "a connection handler started after the dispatcher's drain returned");
        _running++;
        Specification.Assert(_running <= _limit, $"{_running} connection handlers running at once, over the limit of {_limit}");
        RaiseGotoStateEvent<Serving>();
    }

    private void OnEnded(Event e)
    {
        Specification.Assert(!_drained, "a connection handler was still running when the dispatcher's drain returned: a handler not awaited");
        _running--;
        if (_running == 0)
        {
            RaiseGotoStateEvent<Idle>();
        }
    }

    private void OnDrained(Event e)
    {
        Specification.Assert(_running == 0,
            $"the dispatcher's drain returned with {_running} connection handler(s) still running: a handler not awaited");
        _drained = true;
    }

    internal sealed class Limit(int connections) : Event
    {
        public int Connections { get; } = connections;
    }

    internal sealed class Started : Event
    {
    }

    internal sealed class Ended : Event
    {
    }

    /// <summary>The dispatcher's <c>RunAsync</c> returned.</summary>
    internal sealed class Drained : Event
    {
    }

    [Start]
    [Cold]
    [OnEventDoAction(typeof(Limit), nameof(OnLimit))]
    [OnEventDoAction(typeof(Started), nameof(OnStarted))]
    [OnEventDoAction(typeof(Ended), nameof(OnEnded))]
    [OnEventDoAction(typeof(Drained), nameof(OnDrained))]
    private sealed class Idle : State
    {
    }

    [Hot]
    [OnEventDoAction(typeof(Started), nameof(OnStarted))]
    [OnEventDoAction(typeof(Ended), nameof(OnEnded))]
    [OnEventDoAction(typeof(Drained), nameof(OnDrained))]
    private sealed class Serving : State
    {
    }
}
