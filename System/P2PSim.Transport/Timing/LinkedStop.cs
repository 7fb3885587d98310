namespace P2PSim.Transport.Timing;

/// <summary>
/// Two stop signals as one token, for a loop that ends on either (a long-lived connection: the server stopping, or
/// its drain running out). Unlike <see cref="CancellationTokenSource.CreateLinkedTokenSource(CancellationToken, CancellationToken)"/>,
/// ending it never waits: disposing a linked source waits (spinning) for a parent's callback under way, and when
/// the connection ends because the parent is being cancelled, that callback may be exactly the one that woke it.
/// A real thread would spin briefly; Coyote, which may hold the cancelling task paused, reports a hang (see also
/// <see cref="LinkedDeadline"/>).
/// </summary>
public sealed class LinkedStop : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly CancellationTokenRegistration _first;
    private readonly CancellationTokenRegistration _second;

    /// <summary>A token cancelled as soon as <paramref name="first"/> or <paramref name="second"/> is.</summary>
    public LinkedStop(CancellationToken first, CancellationToken second)
    {
        // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control. A token already
        // cancelled runs the callback here, at once.
        _first = first.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _source);
        _second = second.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _source);
    }

    /// <summary>Cancelled when either signal is.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>
    /// Unlinks from both signals without waiting for a callback under way. The source itself is left to the
    /// collector: such a callback may still be cancelling it, and a source with no timer holds nothing else.
    /// </summary>
    public void Dispose()
    {
        _first.Unregister();
        _second.Unregister();
    }
}
