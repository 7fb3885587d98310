namespace P2PSim.Transport.Timing;

/// <summary>
/// <c>Task.Delay</c> on an injected clock, in the one shape Coyote's systematic tests control. Every P2PSim delay
/// (a reconnect back-off, a drain grace, a throttle's pacing, a log sink's retry) goes through here, so the rules
/// below live in one place:
/// <list type="bullet">
/// <item>Coyote 1.7.11 intercepts <c>Task.Delay(TimeSpan, CancellationToken)</c> but not the
/// <see cref="TimeProvider"/> overload, whose timer it reports as uncontrolled concurrency. So the system clock
/// takes the plain overload; the timing is the same in production. Any other clock (a simulated or fake one)
/// takes the <see cref="TimeProvider"/> overload, which is the only way it can drive the delay.</item>
/// <item>Coyote treats every delay it controls as finite and fires it after some steps. An infinite delay (no call
/// timeout, no flush deadline) is therefore a wait for cancellation only, which is what it means, and no timer
/// exists at all.</item>
/// <item><c>Task.Delay</c> counts whole milliseconds and completes a shorter delay at once. A loop that waits
/// "until the next deadline" would then spin until the deadline passes: for up to a millisecond on a real clock,
/// forever on a simulated one, which only moves when every task waits. So a delay is rounded up to the next whole
/// millisecond: a wait never ends before its deadline.</item>
/// </list>
/// </summary>
public static class ClockDelay
{
    /// <summary>
    /// Completes after <paramref name="delay"/> on <paramref name="clock"/>; <see cref="Timeout.InfiniteTimeSpan"/>
    /// waits for <paramref name="cancellationToken"/> alone.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled first (the returned task is cancelled).</exception>
    public static Task DelayAsync(TimeSpan delay, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (delay == Timeout.InfiniteTimeSpan)
        {
            return UntilCancelledAsync(cancellationToken);
        }

        delay = WholeMilliseconds(delay);
        return clock == TimeProvider.System ? Task.Delay(delay, cancellationToken) : Task.Delay(delay, clock, cancellationToken);
    }

    /// <summary><paramref name="delay"/> rounded up to whole milliseconds, the unit <c>Task.Delay</c> counts in.</summary>
    internal static TimeSpan WholeMilliseconds(TimeSpan delay)
    {
        var rest = delay.Ticks % TimeSpan.TicksPerMillisecond;
        return rest > 0 ? TimeSpan.FromTicks(delay.Ticks - rest + TimeSpan.TicksPerMillisecond) : delay;
    }

    private static async Task UntilCancelledAsync(CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), cancelled);
        try
        {
            await cancelled.Task;
        }
        finally
        {
            // Unregister, not Dispose: Dispose may spin-wait for the very callback that woke us, which Coyote cannot schedule.
            registration.Unregister();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
