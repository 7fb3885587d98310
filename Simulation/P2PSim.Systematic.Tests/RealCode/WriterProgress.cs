namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// Liveness: a writer that asks for the lock gets it. "Writer waiting" is hot: Coyote reports a liveness bug when an
/// execution stays in it past the temperature threshold (scheduling steps), which is how a writer starved by a
/// stream of readers shows. The nested states and events are the monitor's own vocabulary.
/// </summary>
internal sealed class WriterProgress : Microsoft.Coyote.Specifications.Monitor
{
    [Start]
    [Cold]
    [OnEventGotoState(typeof(WriterWaits), typeof(WriterWaiting))]
    private sealed class Idle : State
    {
    }

    [Hot]
    [OnEventGotoState(typeof(WriterEntered), typeof(WriterGotIn))]
    private sealed class WriterWaiting : State
    {
    }

    [Cold]
    [OnEventGotoState(typeof(WriterWaits), typeof(WriterWaiting))]
    private sealed class WriterGotIn : State
    {
    }

    /// <summary>The writer is about to ask for the lock.</summary>
    internal sealed class WriterWaits : Event
    {
    }

    /// <summary>The writer holds the lock.</summary>
    internal sealed class WriterEntered : Event
    {
    }
}
